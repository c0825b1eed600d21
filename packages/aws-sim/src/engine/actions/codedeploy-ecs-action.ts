import { AwsServiceError } from '../../errors.js';
import { ACTION_OUTCOME } from '../../scenario.js';
import { untilAborted } from '../abortable.js';
import { defaultAppSpec } from '../app-spec.js';
import { DEPLOYMENT_STATUS, type DeploymentHandle } from '../deployment-store.js';
import { completeAction, type ActionRunner } from './action-runner.js';

const isDeploymentDone = (status: string): boolean =>
  status === DEPLOYMENT_STATUS.Succeeded || status === DEPLOYMENT_STATUS.Failed || status === DEPLOYMENT_STATUS.Stopped;

/**
 * A CodeDeployToECS action: creates the CodeDeploy deployment with the AppSpec, hands it to the deployment
 * driver, and ends with it (Succeeded; Failed or Stopped fail the action). CodeDeploy refusing the deployment
 * (one still active in the group) fails the action with CodeDeploy's message. Abandoning the execution stops
 * the wait, never the deployment.
 */
const runCodeDeployToEcsAction: ActionRunner = async (run, execution, { deployments, clock, region, account, driverFor }) => {
  const configuration = run.action.configuration ?? {};
  const applicationName = configuration['ApplicationName'] ?? 'application';
  let handle: DeploymentHandle;
  try {
    handle = deployments.create({
      applicationName,
      deploymentGroupName: configuration['DeploymentGroupName'] ?? 'deployment-group',
      creator: 'user',
      appSpecContent: run.action.deployment?.appSpecContent ?? defaultAppSpec(applicationName, run.action.deployment?.hooks ?? [], region, account),
      pipeline: { name: execution.pipelineName, executionId: execution.pipelineExecutionId, actionName: run.action.name },
    });
  } catch (error) {
    if (!(error instanceof AwsServiceError)) {
      throw error;
    }
    // CodePipeline reports why CodeDeploy refused to create the deployment (e.g. one is still active in the group).
    completeAction(run, clock.now(), ACTION_OUTCOME.Failed, { code: 'JobFailed', message: error.message });
    return;
  }
  run.externalExecutionId = handle.deploymentId;
  run.externalExecutionUrl = `https://console.aws.amazon.com/codesuite/codedeploy/deployments/${handle.deploymentId}?region=${region}`;
  const signal = AbortSignal.any([deployments.stopSignal(handle.deploymentId), clock.shutdownSignal]);
  const driver = driverFor(run.action);
  void Promise.resolve()
    .then(() => driver(handle, signal))
    .then(
      () => {
        if (isDeploymentDone(handle.status()) || clock.shutdownSignal.aborted) {
          return;
        }
        const request = handle.stopRequest();
        if (request === undefined) {
          handle.succeed();
        } else {
          handle.stopped({ rollback: request.autoRollbackEnabled });
        }
      },
      (error: unknown) => {
        if (!isDeploymentDone(handle.status())) {
          handle.fail({ code: 'INTERNAL_ERROR', message: `The deployment driver failed: ${(error as Error).message}` });
        }
      },
    );
  const record = await untilAborted(deployments.get(handle.deploymentId).settled, execution.abandon.signal);
  if (record.status === DEPLOYMENT_STATUS.Succeeded) {
    completeAction(run, clock.now(), ACTION_OUTCOME.Succeeded, undefined, `Deployment ${record.deploymentId} succeeded.`);
    return;
  }
  completeAction(run, clock.now(), ACTION_OUTCOME.Failed, {
    code: 'JobFailed',
    message: `Deployment ${record.deploymentId} ${record.status === DEPLOYMENT_STATUS.Stopped ? 'was stopped' : 'failed'}: ${record.errorInformation?.message ?? 'no details'}`,
  });
};

export { runCodeDeployToEcsAction };
