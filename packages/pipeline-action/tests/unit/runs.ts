import type { ActionRun } from '../../src/action-tracker.js';

/** A finished or running action run for report and summary tests. */
const actionRun = (overrides: Partial<ActionRun> & Pick<ActionRun, 'stageName' | 'actionName'>): ActionRun => ({
  actionExecutionId: `${overrides.stageName}-${overrides.actionName}`,
  provider: undefined,
  configuration: undefined,
  status: 'Succeeded',
  startTime: new Date('2026-11-26T10:00:00Z'),
  endTime: new Date('2026-11-26T10:00:42Z'),
  externalId: undefined,
  externalUrl: undefined,
  externalSummary: undefined,
  errorCode: undefined,
  errorMessage: undefined,
  ...overrides,
});

export { actionRun };
