import { AwsServiceError } from '../../errors.js';
import { ACTION_OUTCOME } from '../../scenario.js';
import { untilAborted } from '../abortable.js';
import { SERVICE_DEPLOYMENT_STATUS } from '../service-deployment-store.js';
import { completeAction, type ActionRunner } from './action-runner.js';

/**
 * CodePipeline's `ECS` deploy action on a service with the ECS deployment controller: it registers a task
 * definition revision from `FileName` (imagedefinitions.json) and updates the service (`ClusterName`,
 * `ServiceName`), which starts a blue/green service deployment; the action ends with that deployment
 * (SUCCESSFUL → Succeeded, any rollback → Failed). Abandoning the execution stops the wait, never the deployment.
 */
const runEcsAction: ActionRunner = async (run, execution, { serviceDeployments, ecsDriver, clock }) => {
  const configuration = run.action.configuration ?? {};
  const clusterName = configuration['ClusterName'];
  const serviceName = configuration['ServiceName'];
  const fail = (message: string): void => completeAction(run, clock.now(), ACTION_OUTCOME.Failed, { code: 'JobFailed', message });
  if (clusterName === undefined || serviceName === undefined) {
    fail('The ECS action needs ClusterName and ServiceName.');
    return;
  }
  let service;
  try {
    service = serviceDeployments.service(clusterName, serviceName);
  } catch (error) {
    if (!(error instanceof AwsServiceError)) {
      throw error;
    }
    fail(`${error.message} (cluster ${clusterName}, service ${serviceName})`);
    return;
  }
  const record = serviceDeployments.create(service);
  void ecsDriver.play(service, record);
  const ended = await untilAborted(record.settled, execution.abandon.signal);
  if (ended.status === SERVICE_DEPLOYMENT_STATUS.Successful) {
    completeAction(run, clock.now(), ACTION_OUTCOME.Succeeded, undefined, `Service deployment ${ended.serviceDeploymentArn} succeeded.`);
    return;
  }
  fail(`Service deployment ${ended.serviceDeploymentArn} ended ${ended.status}: ${ended.statusReason ?? 'no reason given'}`);
};

export { runEcsAction };
