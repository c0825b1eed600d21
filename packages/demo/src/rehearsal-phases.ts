/** The phases production requests are tallied by, named for what users were exposed to. */
const phase = {
  pipeline: 'pipeline running, all blue',
  testTraffic: 'test listener on green, hook running',
  production: (greenPercent: number): string => `production ${greenPercent}% green`,
  terminationWait: 'termination wait',
  rollback: 'rolling back',
  afterRelease: 'after: blue stopped',
  afterRollback: 'after: rolled back',
  afterStop: 'after: stopped',
} as const;

export { phase };
