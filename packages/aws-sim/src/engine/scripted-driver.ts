import type { SimClock } from '../clock.js';
import { EcsLifecycleEvents, type DeploymentScript } from '../scenario.js';
import { untilAborted } from './abortable.js';
import { trafficSteps } from './deployment-config.js';
import { LifecycleEventStatus, type DeploymentHandle } from './deployment-store.js';

/**
 * Plays a deployment from the outside: receives the handle when a CodeDeployToECS action starts, and `signal`
 * aborts when the pipeline execution is stopped (the driver should roll back and end the deployment) or the
 * simulator stops. Resolving without ending the deployment ends it Succeeded (or Stopped once aborted);
 * throwing ends it Failed.
 */
type DeploymentDriver = (handle: DeploymentHandle, signal: AbortSignal) => Promise<void>;

// CodeDeploy fails a deployment whose hook has not reported within an hour.
const HOOK_TIMEOUT_SECONDS = 3600;

const rollBack = (handle: DeploymentHandle): void => {
  handle.setTaskSets(
    handle
      .taskSets()
      .filter((taskSet) => taskSet.taskSetLabel === 'BLUE')
      .map((taskSet) => ({ ...taskSet, trafficWeight: 100, status: 'PRIMARY' })),
  );
};

/**
 * The default driver: plays the ECS lifecycle events one after another, `stepSeconds` (scenario time, scaled by timeScale) each,
 * creating the green task set at Install and moving production traffic at AllowTraffic (all at once, or by the
 * canary/linear steps its deployment configuration names, waiting their minutes); waits for a hook
 * report at each event listed in `script.hooks`; fails (and rolls back) at `script.failAt` or on a Failed hook;
 * on abort, rolls back over one step and ends Stopped.
 */
const scriptedDriver =
  (clock: SimClock, script: DeploymentScript, durationSeconds: number): DeploymentDriver =>
  async (handle, signal) => {
    const step = script.stepSeconds ?? durationSeconds / EcsLifecycleEvents.length;
    const blue = handle.taskSets()[0];
    const greenTargetGroup = handle.deploymentGroup?.targetGroups[1] ?? 'green';
    try {
      for (const event of EcsLifecycleEvents) {
        handle.setLifecycleEvent(event, LifecycleEventStatus.InProgress);
        if (event === 'Install' && blue !== undefined) {
          handle.setTaskSets([
            blue,
            { ...blue, identifier: `ecs-svc/${Date.now()}`, taskSetLabel: 'GREEN', status: 'ACTIVE', trafficWeight: 0, targetGroupName: greenTargetGroup },
          ]);
        }
        if (event === 'AllowTraffic') {
          for (const shift of trafficSteps(handle.deploymentConfigName)) {
            handle.setTrafficWeights({ blue: 100 - shift.greenPercent, green: shift.greenPercent });
            await clock.sleep(shift.waitSeconds, signal);
          }
        }
        if (script.hooks?.includes(event) === true) {
          const timeoutSeconds = script.hookTimeoutSeconds ?? HOOK_TIMEOUT_SECONDS;
          const reported = new AbortController();
          const timeout = clock.sleep(timeoutSeconds, AbortSignal.any([signal, reported.signal])).then(() => 'TimedOut' as const);
          const status = await untilAborted(Promise.race([handle.startHook(event).result, timeout]), signal).finally(() =>
            reported.abort(),
          );
          if (status !== 'Succeeded') {
            handle.setLifecycleEvent(event, LifecycleEventStatus.Failed);
            rollBack(handle);
            handle.fail({
              code: 'HOOK_EXECUTION_FAILURE',
              message:
                status === 'Failed'
                  ? `The ${event} lifecycle hook reported Failed: the deployment was rolled back.`
                  : `The ${event} lifecycle hook did not report within ${clock.realMs(timeoutSeconds) / 1000} seconds: the deployment was rolled back.`,
            });
            return;
          }
        } else {
          await clock.sleep(step, signal);
        }
        if (script.failAt === event) {
          handle.setLifecycleEvent(event, LifecycleEventStatus.Failed);
          if (script.rollback !== false) {
            rollBack(handle);
          }
          handle.fail(
            script.errorInformation ?? { code: 'ECS_UPDATE_ERROR', message: `The deployment failed at ${event}.` },
            { rollback: script.rollback !== false },
          );
          return;
        }
        handle.setLifecycleEvent(event, LifecycleEventStatus.Succeeded);
      }
      handle.setTaskSets(
        handle
          .taskSets()
          .filter((taskSet) => taskSet.taskSetLabel === 'GREEN')
          .map((taskSet) => ({ ...taskSet, status: 'PRIMARY' })),
      );
      handle.succeed();
    } catch (error) {
      if (!signal.aborted) {
        throw error;
      }
      for (const event of handle.lifecycleEvents()) {
        if (event.status === LifecycleEventStatus.InProgress) {
          handle.setLifecycleEvent(event.lifecycleEventName, LifecycleEventStatus.Failed);
        }
      }
      // Rolling back takes time on ECS too: the pipeline shows Stopping meanwhile.
      await clock.sleep(step);
      rollBack(handle);
      handle.stopped();
    }
  };

export { scriptedDriver };
export type { DeploymentDriver };
