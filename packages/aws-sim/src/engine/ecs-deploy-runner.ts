import { AwsServiceError } from '../errors.js';
import { ActionOutcome } from '../scenario.js';
import { untilAborted } from './abortable.js';
import type { EcsBlueGreenDriver } from './ecs-blue-green-driver.js';
import type { ProviderRunner } from './provider-runner.js';
import { ServiceDeploymentStatus, type ServiceDeploymentStore } from './service-deployment-store.js';

/**
 * CodePipeline's `ECS` deploy action on a service with the ECS deployment controller: it registers a task
 * definition revision from `FileName` (imagedefinitions.json) and updates the service (`ClusterName`,
 * `ServiceName`), which starts a blue/green service deployment; the action ends with that deployment.
 */
const ecsDeployRunner =
  (store: ServiceDeploymentStore, driver: EcsBlueGreenDriver): ProviderRunner =>
  async ({ action, abandonSignal }) => {
    const configuration = action.configuration ?? {};
    const clusterName = configuration['ClusterName'];
    const serviceName = configuration['ServiceName'];
    if (clusterName === undefined || serviceName === undefined) {
      return { outcome: ActionOutcome.Failed, errorDetails: { code: 'JobFailed', message: 'The ECS action needs ClusterName and ServiceName.' } };
    }
    let service;
    try {
      service = store.service(clusterName, serviceName);
    } catch (error) {
      if (!(error instanceof AwsServiceError)) {
        throw error;
      }
      return { outcome: ActionOutcome.Failed, errorDetails: { code: 'JobFailed', message: `${error.message} (cluster ${clusterName}, service ${serviceName})` } };
    }
    const record = store.create(service);
    void driver.play(service, record);
    const ended = await untilAborted(record.settled, abandonSignal);
    if (ended.status === ServiceDeploymentStatus.Successful) {
      return { outcome: ActionOutcome.Succeeded, summary: `Service deployment ${ended.serviceDeploymentArn} succeeded.` };
    }
    return {
      outcome: ActionOutcome.Failed,
      errorDetails: { code: 'JobFailed', message: `Service deployment ${ended.serviceDeploymentArn} ended ${ended.status}: ${ended.statusReason ?? 'no reason given'}` },
    };
  };

export { ecsDeployRunner };
