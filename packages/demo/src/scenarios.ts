import { DemoInputError } from './errors.js';

const SCENARIO_NAME = {
  Success: 'success',
  HookFails: 'hook-fails',
  Canary: 'canary',
  Linear: 'linear',
  Cancel: 'cancel',
  CancelStop: 'cancel-stop',
  Faults: 'faults',
} as const;
type ScenarioName = (typeof SCENARIO_NAME)[keyof typeof SCENARIO_NAME];

/** What must happen for the rehearsal to count as having shown what it set out to show. */
const EXPECTED_OUTCOME = {
  Release: 'release',
  Rollback: 'rollback',
  /** Cancelled with on-cancel rollback: StopDeployment rolled production back, the pipeline Stopped. */
  Stopped: 'stopped',
  /** Cancelled with on-cancel stop: the deployment completed with green live, the pipeline Stopped. */
  ReleasedAfterStop: 'released-after-stop',
} as const;
type ExpectedOutcome = (typeof EXPECTED_OUTCOME)[keyof typeof EXPECTED_OUTCOME];

interface Scenario {
  readonly name: ScenarioName;
  readonly summary: string;
  readonly deploymentConfig: string;
  readonly expected: ExpectedOutcome;
  /** The hook's checks include one green fails (a route the release should add but does not). */
  readonly greenFailsCheck: boolean;
  /** The workflow is cancelled (SIGINT to the action) while production is partly on green. */
  readonly cancelDuringShift: boolean;
  /** The action's on-cancel input (its default, rollback, when absent). */
  readonly onCancel?: 'rollback' | 'stop';
  /** AWS answers with throttling and 5xx errors, seeded. */
  readonly faults: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: SCENARIO_NAME.Success,
    summary: 'the hook passes green, production moves all at once, blue is drained and stopped',
    deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
    expected: EXPECTED_OUTCOME.Release,
    greenFailsCheck: false,
    cancelDuringShift: false,
    faults: false,
  },
  {
    name: SCENARIO_NAME.HookFails,
    summary: 'the hook finds green broken: rollback before production ever sees it (expected outcome)',
    deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
    expected: EXPECTED_OUTCOME.Rollback,
    greenFailsCheck: true,
    cancelDuringShift: false,
    faults: false,
  },
  {
    name: SCENARIO_NAME.Canary,
    summary: '10% of production on green for 5 minutes (simulated), then the rest',
    deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    expected: EXPECTED_OUTCOME.Release,
    greenFailsCheck: false,
    cancelDuringShift: false,
    faults: false,
  },
  {
    name: SCENARIO_NAME.Linear,
    summary: '10% more of production on green every minute (simulated)',
    deploymentConfig: 'CodeDeployDefault.ECSLinear10PercentEvery1Minutes',
    expected: EXPECTED_OUTCOME.Release,
    greenFailsCheck: false,
    cancelDuringShift: false,
    faults: false,
  },
  {
    name: SCENARIO_NAME.Cancel,
    summary: 'the workflow is cancelled during the canary: the action rolls the deployment back (StopDeployment) and stops the pipeline',
    deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    expected: EXPECTED_OUTCOME.Stopped,
    greenFailsCheck: false,
    cancelDuringShift: true,
    faults: false,
  },
  {
    name: SCENARIO_NAME.CancelStop,
    summary: 'cancelled during the canary with on-cancel: stop: the pipeline stops, the canary finishes and green goes live',
    deploymentConfig: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    expected: EXPECTED_OUTCOME.ReleasedAfterStop,
    greenFailsCheck: false,
    cancelDuringShift: true,
    onCancel: 'stop',
    faults: false,
  },
  {
    name: SCENARIO_NAME.Faults,
    summary: 'success while AWS throttles and answers 5xx (seeded): same outcome, nothing lost',
    deploymentConfig: 'CodeDeployDefault.ECSAllAtOnce',
    expected: EXPECTED_OUTCOME.Release,
    greenFailsCheck: false,
    cancelDuringShift: false,
    faults: true,
  },
];

const findScenario = (name: string): Scenario => {
  const scenario = SCENARIOS.find((candidate) => candidate.name === name);
  if (scenario === undefined) {
    throw new DemoInputError(`--scenario "${name}": expected one of ${SCENARIOS.map((known) => known.name).join(', ')}`);
  }
  return scenario;
};

export { EXPECTED_OUTCOME, type ExpectedOutcome, findScenario, SCENARIO_NAME, type ScenarioName, SCENARIOS };
export type { Scenario };
