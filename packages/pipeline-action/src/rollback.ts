import { setTimeout as sleep } from 'node:timers/promises';
import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { CodeDeployClient, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { AWS_ERROR_KIND, isRetryableAwsError, readAwsError, retry } from '@greenlight/aws-retry';
import { isCodeDeployAction, isEcsDeployAction } from './action-kinds.js';
import { clientConfig } from './clients.js';
import { listActionExecutions } from './monitor.js';
import { isServiceDeploymentArn, ROLLBACK_RESULT, type DeploymentRollback } from './rollback-result.js';

// An in-progress CodeDeploy action names its deployment a moment after it starts: look again this often.
const LOOK_AGAIN_MS = 500;
// Time kept back from the lookup for the StopDeployment calls themselves.
const STOP_RESERVE_MS = 2_000;

/**
 * The deployments of the execution's in-progress CodeDeploy and ECS deploy actions, read afresh (the follow loop may
 * not have seen an action that started since its last poll). An action that has not named its deployment yet is
 * looked at again until it does or the time runs out. A failed lookup falls back to the deployments already known.
 */
const runningDeployments = async (
  client: CodePipelineClient,
  region: string,
  pipelineName: string,
  executionId: string,
  known: readonly string[],
  deadline: number,
): Promise<string[]> => {
  for (;;) {
    try {
      const details = await listActionExecutions({ client, pipelineName, executionId, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
      const deploying = details.filter((detail) => detail.status === 'InProgress' && isCodeDeployAction(detail.input?.actionTypeId?.provider));
      const ids = deploying.flatMap((detail) => detail.output?.executionResult?.externalExecutionId ?? []);
      if (ids.length === deploying.length || Date.now() + LOOK_AGAIN_MS >= deadline - STOP_RESERVE_MS) {
        // The ECS client loads only when the execution runs ECS deploy actions.
        const ecs = details.some((detail) => detail.status === 'InProgress' && isEcsDeployAction(detail.input?.actionTypeId?.provider));
        const serviceDeployments = ecs ? await (await import('./ecs-rollback.js')).runningServiceDeployments(region, details, deadline - STOP_RESERVE_MS) : [];
        return [...new Set([...ids, ...serviceDeployments, ...known])];
      }
    } catch {
      if (Date.now() + LOOK_AGAIN_MS >= deadline - STOP_RESERVE_MS) return [...known];
    }
    await sleep(LOOK_AGAIN_MS);
  }
};

/** StopDeployment with automatic rollback (StopServiceDeployment for an ECS service deployment), retrying transient failures until the deadline. */
const rollBackDeployment = async (region: string, deploymentId: string, deadline: number): Promise<DeploymentRollback> => {
  if (isServiceDeploymentArn(deploymentId)) return (await import('./ecs-rollback.js')).rollBackServiceDeployment(region, deploymentId, deadline);
  const client = new CodeDeployClient(clientConfig(region));
  try {
    await retry(
      () =>
        client.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }), {
          abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        }),
      { deadline, delay: (failures) => 200 * 2 ** failures, isRetryable: isRetryableAwsError },
    );
    return { deploymentId, result: ROLLBACK_RESULT.RollingBack };
  } catch (error) {
    const { kind, name, message } = readAwsError(error);
    if (name === 'DeploymentAlreadyCompletedException') return { deploymentId, result: ROLLBACK_RESULT.Ended };
    if (kind === AWS_ERROR_KIND.Denied) return { deploymentId, result: ROLLBACK_RESULT.Denied };
    return { deploymentId, result: ROLLBACK_RESULT.Failed, detail: `${name}: ${message}` };
  } finally {
    client.destroy();
  }
};

export { rollBackDeployment, runningDeployments };
