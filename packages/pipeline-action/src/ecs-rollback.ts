import type { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { ECSClient, StopServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { AWS_ERROR_KIND, isRetryableAwsError, readAwsError, retry } from '@greenlight/aws-retry';
import { isEcsDeployAction } from './action-kinds.js';
import { clientConfig } from './clients.js';
import { ecsDeployTarget, findServiceDeployment } from './ecs-deployment-lookup.js';
import { ROLLBACK_RESULT, type DeploymentRollback } from './rollback-result.js';

/**
 * The service deployments of in-progress ECS deploy actions, found as the follow loop finds them, by `deadline`. A
 * failed lookup finds none (the known ones still count).
 */
const runningServiceDeployments = async (region: string, details: readonly ActionExecutionDetail[], deadline: number): Promise<string[]> => {
  const running = details.filter((detail) => detail.status === 'InProgress' && isEcsDeployAction(detail.input?.actionTypeId?.provider));
  const client = new ECSClient(clientConfig(region));
  try {
    const found = await Promise.all(
      running.map(async (detail) => {
        const target = ecsDeployTarget(detail.input?.resolvedConfiguration ?? detail.input?.configuration);
        if (target === undefined || detail.startTime === undefined) return undefined;
        const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
        return (await findServiceDeployment(client, target, detail.startTime, signal).catch(() => undefined))?.serviceDeploymentArn;
      }),
    );
    return found.filter((arn) => arn !== undefined);
  } finally {
    client.destroy();
  }
};

/** StopServiceDeployment with stopType ROLLBACK: ECS moves traffic back to the source service revision. */
const rollBackServiceDeployment = async (region: string, serviceDeploymentArn: string, deadline: number): Promise<DeploymentRollback> => {
  const client = new ECSClient(clientConfig(region));
  try {
    await retry(
      () =>
        client.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' }), {
          abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        }),
      { deadline, delay: (failures) => 200 * 2 ** failures, isRetryable: isRetryableAwsError },
    );
    return { deploymentId: serviceDeploymentArn, result: ROLLBACK_RESULT.RollingBack };
  } catch (error) {
    const { kind, name, message } = readAwsError(error);
    // ECS answers ConflictException for a deployment that can no longer be stopped (it has ended).
    if (name === 'ConflictException') return { deploymentId: serviceDeploymentArn, result: ROLLBACK_RESULT.Ended };
    if (kind === AWS_ERROR_KIND.Denied) return { deploymentId: serviceDeploymentArn, result: ROLLBACK_RESULT.Denied };
    return { deploymentId: serviceDeploymentArn, result: ROLLBACK_RESULT.Failed, detail: `${name}: ${message}` };
  } finally {
    client.destroy();
  }
};

export { rollBackServiceDeployment, runningServiceDeployments };
