import { BlueGreenDeployment, type DeploymentProgress } from './blue-green-deployment.js';
import { progressText, tallyText } from './progress-format.js';
import { phase } from './rehearsal-phases.js';
import type { RehearsalPrinter } from './rehearsal-printer.js';
import { TIMINGS, type RehearsalSettings } from './rehearsal-settings.js';
import type { RehearsalStack } from './rehearsal-setup.js';
import { demoStack } from './stack.js';

/** When (epoch ms) the deployment reached the moments the results are measured between. */
interface DeploymentMoments {
  testTrafficAt?: number;
  deploymentEndedAt?: number;
}

interface RehearsalDrive {
  readonly deployment: BlueGreenDeployment;
  readonly moments: Readonly<DeploymentMoments>;
  /** Calls `listener` once, with the hold's simulated minutes, when production is first held split or blue waits to stop. */
  onceHeld(listener: (holdMinutes: number) => void): void;
}

/**
 * Plugs the real blue/green deployment into aws-sim as its deployment driver, printing its progress and
 * tallying production requests by the phase the deployment is in.
 */
const driveDeployment = (settings: RehearsalSettings, stack: RehearsalStack, printer: RehearsalPrinter): RehearsalDrive => {
  const { load, sim } = stack;
  const moments: DeploymentMoments = {};
  let held: ((holdMinutes: number) => void) | undefined;
  const hold = (minutes: number): void => {
    const listener = held;
    held = undefined;
    listener?.(minutes);
  };
  const onProgress = (progress: DeploymentProgress): void => {
    const text = progressText(progress);
    if (text !== undefined) printer.line(progress.kind === 'hook-log' ? text : `  deploy ▸ ${text}`);
    switch (progress.kind) {
      case 'test-traffic':
        if (progress.weights.green === 100) {
          moments.testTrafficAt ??= Date.now();
          load.setPhase(phase.testTraffic);
        }
        break;
      case 'production-traffic':
        if (load.phase !== phase.rollback) load.setPhase(phase.production(progress.weights.green));
        if (progress.weights.green > 0 && progress.weights.green < 100) hold(progress.holdMinutes);
        break;
      case 'termination-wait':
        load.setPhase(phase.terminationWait);
        hold(progress.minutes);
        break;
      case 'rollback':
        load.setPhase(phase.rollback);
        break;
      case 'task-set-stopped':
        printer.line(`  deploy ▸ production so far: ${tallyText(load.tally())}`);
        break;
      case 'deployment-ended':
        moments.deploymentEndedAt = Date.now();
        load.setPhase(
          progress.status === 'Succeeded' ? phase.afterRelease : progress.status === 'Stopped' ? phase.afterStop : phase.afterRollback,
        );
        break;
      case 'lifecycle':
      case 'stopped-in-place':
      case 'green-started':
      case 'hook-invoked':
      case 'hook-function-error':
      case 'hook-log':
      case 'hook-reported':
        break;
    }
  };
  const deployment = new BlueGreenDeployment({
    balancer: stack.balancer,
    blue: stack.blue,
    startGreen: () => stack.startApp('v2'),
    hookFunction: stack.hookFunction,
    hookFunctionName: demoStack.hookFunctionName,
    clock: settings.clock,
    eventSeconds: TIMINGS.eventSeconds,
    terminationWaitMinutes: settings.terminationWaitMinutes,
    hookTimeoutMinutes: TIMINGS.hookTimeoutMinutes,
    onProgress,
  });
  sim.setDeploymentDriver((handle, signal) => deployment.drive(handle, signal));
  return {
    deployment,
    moments,
    onceHeld: (listener) => {
      held = listener;
    },
  };
};

export { driveDeployment };
export type { RehearsalDrive };
