import type { HookableLifecycleEventName } from '../scenario.js';
import { assertHookable, DEPLOYMENT_STATUS, type DeploymentStore } from './deployment-store.js';

interface HookTestDeploymentRequest {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  /** Default: AfterAllowTestTraffic, the event greenlight's hook validates. */
  readonly hooks?: readonly HookableLifecycleEventName[];
}

interface CreatedDeployment {
  readonly deploymentId: string;
  /** Hook execution id per lifecycle event opened, as CodeDeploy passes them to the hook Lambda. */
  readonly hookExecutionIds: Readonly<Partial<Record<HookableLifecycleEventName, string>>>;
}

/**
 * A deployment outside any pipeline, for hook tests: InProgress with its hooks open at once. It fails at the
 * first Failed report, succeeds once every hook has reported Succeeded, and ends Stopped on StopDeployment, as
 * CodeDeploy would decide.
 */
const createHookTestDeployment = (deployments: DeploymentStore, request: HookTestDeploymentRequest): CreatedDeployment => {
  const events = request.hooks ?? ['AfterAllowTestTraffic'];
  events.forEach(assertHookable);
  const handle = deployments.create({ applicationName: request.applicationName, deploymentGroupName: request.deploymentGroupName });
  deployments.stopSignal(handle.deploymentId).addEventListener('abort', () => handle.stopped({ rollback: handle.stopRequest()?.autoRollbackEnabled ?? false }), {
    once: true,
  });
  const hooks = events.map((name) => handle.startHook(name));
  let succeeded = 0;
  for (const hook of hooks) {
    void hook.result.then((status) => {
      if (handle.status() !== DEPLOYMENT_STATUS.InProgress) {
        return;
      }
      if (status === 'Failed') {
        handle.fail({ code: 'HOOK_EXECUTION_FAILURE', message: `The ${hook.lifecycleEventName} lifecycle hook reported Failed.` });
        return;
      }
      succeeded += 1;
      if (succeeded === hooks.length) {
        handle.succeed();
      }
    });
  }
  return {
    deploymentId: handle.deploymentId,
    hookExecutionIds: Object.fromEntries(hooks.map((hook) => [hook.lifecycleEventName, hook.lifecycleEventHookExecutionId])),
  };
};

export { createHookTestDeployment };
export type { CreatedDeployment, HookTestDeploymentRequest };
