import type { SimClock } from '../clock.js';
import { ECS_LIFECYCLE_EVENTS, type DeploymentScript } from '../scenario.js';
import { untilAborted } from './abortable.js';
import { trafficSteps } from './deployment-config.js';
import { DEPLOYMENT_WAIT_TYPE, LIFECYCLE_EVENT_STATUS, type DeploymentHandle } from './deployment-store.js';

/**
 * Plays a deployment from the outside: receives the handle when a CodeDeployToECS action starts, and `signal`
 * aborts when CodeDeploy StopDeployment stops the deployment (`handle.stopRequest()` says whether to roll back; the
 * driver should then end it Stopped) or the simulator stops. Stopping the pipeline execution does not abort it: the
 * deployment runs on, as on AWS. Resolving without ending the deployment ends it Succeeded (or Stopped once
 * StopDeployment was called); throwing ends it Failed.
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

/** After all production traffic moved: green serves it, blue waits out the termination wait without traffic. */
const promoteGreen = (handle: DeploymentHandle): void => {
  handle.setTaskSets(handle.taskSets().map((taskSet) => ({ ...taskSet, status: taskSet.taskSetLabel === 'GREEN' ? 'PRIMARY' : 'ACTIVE' })));
};

/**
 * The default driver: plays the ECS lifecycle events one after another, `stepSeconds` (scenario time, scaled by timeScale) each,
 * creating the green task set at Install and moving production traffic at AllowTraffic (all at once, or by the
 * canary/linear steps its deployment configuration names, waiting their minutes); waits for a hook
 * report at each event listed in `script.hooks`; fails (and rolls back) at `script.failAt` or on a Failed hook.
 * With the group's deploymentReadyOption STOP_DEPLOYMENT it parks Ready before BeforeAllowTraffic until
 * ContinueDeployment (Stopped when the wait runs out); after AfterAllowTraffic it keeps blue for the group's
 * termination wait (ContinueDeployment TERMINATION_WAIT ends it early) and only then succeeds. On StopDeployment it
 * ends Stopped, rolling back over one step when autoRollbackEnabled.
 */
const scriptedDriver =
  (clock: SimClock, script: DeploymentScript, durationSeconds: number): DeploymentDriver =>
  async (handle, signal) => {
    const step = script.stepSeconds ?? durationSeconds / ECS_LIFECYCLE_EVENTS.length;
    const blue = handle.taskSets()[0];
    const group = handle.deploymentGroup;
    const greenTargetGroup = group?.targetGroups[1] ?? 'green';
    try {
      for (const event of ECS_LIFECYCLE_EVENTS) {
        const readyOption = group?.deploymentReadyOption;
        if (event === 'BeforeAllowTraffic' && readyOption?.actionOnTimeout === 'STOP_DEPLOYMENT') {
          const waitMinutes = readyOption.waitTimeInMinutes ?? 0;
          if ((await handle.waitFor(DEPLOYMENT_WAIT_TYPE.Ready, waitMinutes * 60, signal)) === 'elapsed') {
            rollBack(handle);
            handle.stopped({
              rollback: false,
              error: { code: 'TIMEOUT', message: `Nobody continued the deployment within ${waitMinutes} minutes of the replacement task set becoming ready.` },
            });
            return;
          }
        }
        handle.setLifecycleEvent(event, LIFECYCLE_EVENT_STATUS.InProgress);
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
        const hookEvent = script.hooks?.find((hookable) => hookable === event);
        if (hookEvent !== undefined) {
          const timeoutSeconds = script.hookTimeoutSeconds ?? HOOK_TIMEOUT_SECONDS;
          const reported = new AbortController();
          const timeout = clock.sleep(timeoutSeconds, AbortSignal.any([signal, reported.signal])).then(() => 'TimedOut' as const);
          const status = await untilAborted(Promise.race([handle.startHook(hookEvent).result, timeout]), signal).finally(() =>
            reported.abort(),
          );
          if (status !== 'Succeeded') {
            handle.setLifecycleEvent(event, LIFECYCLE_EVENT_STATUS.Failed);
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
          handle.setLifecycleEvent(event, LIFECYCLE_EVENT_STATUS.Failed);
          if (script.rollback !== false) {
            rollBack(handle);
          }
          handle.fail(
            script.errorInformation ?? { code: 'ECS_UPDATE_ERROR', message: `The deployment failed at ${event}.` },
            { rollback: script.rollback !== false },
          );
          return;
        }
        handle.setLifecycleEvent(event, LIFECYCLE_EVENT_STATUS.Succeeded);
      }
      promoteGreen(handle);
      await handle.waitFor(DEPLOYMENT_WAIT_TYPE.Termination, (group?.terminationWaitTimeInMinutes ?? 0) * 60, signal);
      handle.setTaskSets(handle.taskSets().filter((taskSet) => taskSet.taskSetLabel === 'GREEN'));
      handle.succeed();
    } catch (error) {
      const request = handle.stopRequest();
      if (!signal.aborted || request === undefined) {
        throw error;
      }
      for (const event of handle.lifecycleEvents()) {
        if (event.status === LIFECYCLE_EVENT_STATUS.InProgress) {
          handle.setLifecycleEvent(event.lifecycleEventName, LIFECYCLE_EVENT_STATUS.Failed);
        }
      }
      if (!request.autoRollbackEnabled) {
        handle.stopped({ rollback: false });
        return;
      }
      // Rerouting traffic back takes time on ECS too: the deployment stays InProgress meanwhile.
      await clock.sleep(step);
      rollBack(handle);
      handle.stopped();
    }
  };

export { scriptedDriver };
export type { DeploymentDriver };
