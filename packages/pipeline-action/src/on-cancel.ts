import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { STOP_BUDGET_MS, stopExecution, type StopResult } from './cancel.js';
import type { ExecutionContext } from './execution-context.js';
import { ON_CANCEL } from './inputs.js';
import type { DeploymentRollback } from './rollback-result.js';

/** The post step knows the execution from its saved state, without the console URL. */
interface CancelRequest extends Pick<ExecutionContext, 'pipelineName' | 'region' | 'executionId'> {
  readonly client: CodePipelineClient;
  readonly onCancel: typeof ON_CANCEL.Rollback | typeof ON_CANCEL.Stop;
  readonly reason: string;
  /** Deployments of the execution already known (seen while following it, or from the post step's state). */
  readonly knownDeploymentIds: readonly string[];
  /** False when the execution is already Stopping (the post step after a stop that landed): only the rollback remains. */
  readonly stopExecution: boolean;
}

/** What cancelling did: the pipeline stop, and what became of each running deployment. */
interface CancelOutcome {
  readonly onCancel: CancelRequest['onCancel'];
  /** Undefined when the execution was already stopping. */
  readonly stop: StopResult | undefined;
  /** Rollback: one entry per deployment StopDeployment was asked to roll back. */
  readonly rollbacks: readonly DeploymentRollback[];
  /** Stop: the deployments left to complete. */
  readonly completing: readonly string[];
}

/**
 * Cancels the execution as `on-cancel` says, within the runner's window between SIGINT and the kill. Rollback:
 * StopPipelineExecution (stop and wait: nothing new starts) while the running CodeDeploy deployments are looked up,
 * then StopDeployment with automatic rollback for each, since stopping the execution lets a deployment finish.
 * Stop: StopPipelineExecution only. A StopDeployment refused or failed leaves that deployment to complete:
 * the outcome says so. A failed pipeline stop is thrown, after the rollbacks were asked for.
 */
const cancelExecution = async (request: CancelRequest): Promise<CancelOutcome> => {
  const deadline = Date.now() + STOP_BUDGET_MS;
  const stopping = request.stopExecution
    ? stopExecution(request.client, request.pipelineName, request.executionId, request.reason, deadline)
    : Promise.resolve(undefined);
  const rollingBack = async (): Promise<DeploymentRollback[]> => {
    if (request.onCancel !== ON_CANCEL.Rollback) return [];
    // Loaded only on cancel: the CodeDeploy client is not needed otherwise.
    const { rollBackDeployment, runningDeployments } = await import('./rollback.js');
    const ids = await runningDeployments(request.client, request.region, request.pipelineName, request.executionId, request.knownDeploymentIds, deadline);
    // StopDeployment only once the pipeline stop has landed (or failed for good): a rollback that ended the Deploy
    // action first would end the execution Failed, not Stopped, and the stop would then be refused.
    await stopping.catch(() => undefined);
    return Promise.all(ids.map((id) => rollBackDeployment(request.region, id, deadline)));
  };
  const [stop, rollbacks] = await Promise.allSettled([stopping, rollingBack()]);
  if (stop.status === 'rejected') throw stop.reason;
  if (rollbacks.status === 'rejected') throw rollbacks.reason;
  return {
    onCancel: request.onCancel,
    stop: stop.value,
    rollbacks: rollbacks.value,
    completing: request.onCancel === ON_CANCEL.Stop ? [...request.knownDeploymentIds] : [],
  };
};

export { cancelExecution };
export type { CancelOutcome, CancelRequest };
