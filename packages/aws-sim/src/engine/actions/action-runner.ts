import type { SimClock } from '../../clock.js';
import type { SeededRandom } from '../../random.js';
import { ACTION_OUTCOME, type ActionOutcome, type ActionScenario, type ErrorDetails } from '../../scenario.js';
import type { BuildStore } from '../build-store.js';
import type { DeploymentStore } from '../deployment-store.js';
import type { EcsBlueGreenDriver } from '../ecs-blue-green-driver.js';
import { ACTION_STATUS, type ActionRun, type ExecutionRecord } from '../execution-record.js';
import type { DeploymentDriver } from '../scripted-driver.js';
import type { ServiceDeploymentStore } from '../service-deployment-store.js';

/** What the action runners play their actions with: the simulated services an action's provider drives. */
interface ActionServices {
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly builds: BuildStore;
  readonly deployments: DeploymentStore;
  readonly region: string;
  readonly account: string;
  readonly driverFor: (action: ActionScenario) => DeploymentDriver;
  /** ECS services with native blue/green deployments, and the driver that plays their service deployments. */
  readonly serviceDeployments: ServiceDeploymentStore;
  readonly ecsDriver: EcsBlueGreenDriver;
}

/**
 * Plays one action execution `run` of `execution` to its end, as its provider would, and completes it with
 * `completeAction`. It waits with `execution.abandon.signal`: an abandoned execution stops waiting for it, while
 * what the action started (a build, a deployment) runs on.
 */
type ActionRunner = (run: ActionRun, execution: ExecutionRecord, services: ActionServices) => Promise<void>;

/**
 * Ends an action still in progress with `outcome`: the scenario's summary and output variables win over what
 * the runner observed, and a failure without details gets CodePipeline's generic `JobFailed`.
 */
const completeAction = (
  run: ActionRun,
  at: Date,
  outcome: ActionOutcome,
  errorDetails: ErrorDetails | undefined,
  summary?: string,
): void => {
  if (run.status !== ACTION_STATUS.InProgress) {
    return;
  }
  run.status = outcome;
  run.lastUpdateTime = at;
  const text = run.action.summary ?? summary ?? run.summary;
  if (text !== undefined) {
    run.summary = text;
  }
  if (run.action.outputVariables !== undefined) {
    run.outputVariables = { ...run.outputVariables, ...run.action.outputVariables };
  }
  if (outcome === ACTION_OUTCOME.Failed) {
    run.errorDetails = errorDetails ?? { code: 'JobFailed', message: `Action ${run.action.name} failed.` };
  }
};

export { completeAction };
export type { ActionRunner, ActionServices };
