import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import { SimClock, type HookableLifecycleEventName } from '@greenlight/aws-sim';
import { AppProcess } from '../src/app-process.js';
import { BlueGreenDeployment, type DeploymentControl, type DeploymentProgress } from '../src/blue-green-deployment.js';
import { LambdaFunction } from '../src/lambda-invoker.js';
import { LoadBalancer } from '../src/load-balancer.js';
import { get, versionOf } from './support/backend.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface FakeDeployment extends DeploymentControl {
  readonly failures: { code: string; message: string }[];
  readonly events: string[];
}

/** A deployment whose hook never reports, recording what the driver tells CodeDeploy. */
const silentHookDeployment = (): FakeDeployment => {
  const failures: { code: string; message: string }[] = [];
  const events: string[] = [];
  let taskSets: Parameters<DeploymentControl['setTaskSets']>[0] = [
    {
      identifier: 'ecs-svc/1',
      taskSetLabel: 'BLUE',
      desiredCount: 1,
      runningCount: 1,
      pendingCount: 0,
      status: 'PRIMARY',
      trafficWeight: 100,
      targetGroupName: 'blue',
    },
  ];
  return {
    deploymentId: 'd-TEST00001',
    deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
    deploymentGroup: {
      deploymentGroupId: 'g-TEST00001',
      applicationName: 'greenlight-test',
      deploymentGroupName: 'greenlight-test',
      prodListenerArns: [],
      testListenerArns: [],
      targetGroups: ['blue', 'green'],
    },
    failures,
    events,
    taskSets: () => taskSets,
    lifecycleEvents: () => [],
    setLifecycleEvent: (name, status) => events.push(`${name} ${status}`),
    setTaskSets: (next) => {
      taskSets = next;
    },
    setTrafficWeights: () => undefined,
    stopRequest: () => undefined,
    startHook: (name) => ({ lifecycleEventHookExecutionId: 'hook-1', deploymentId: 'd-TEST00001', lifecycleEventName: name, result: new Promise(() => undefined) }),
    succeed: () => events.push('succeeded'),
    fail: (error) => failures.push({ ...error }),
    stopped: () => events.push('stopped'),
  };
};

const prepare = async (zip: string): Promise<{ deployment: BlueGreenDeployment; balancer: LoadBalancer; green: () => AppProcess | undefined; progress: DeploymentProgress[] }> => {
  const blue = await AppProcess.start({ version: 'v1' });
  const balancer = new LoadBalancer({ seed: 1 });
  balancer.blue.register(blue.port);
  await balancer.start();
  const hookFunction = await LambdaFunction.deploy({ zipPath: fixture(zip), functionName: 'CodeDeployHook_test', timeoutMs: 20_000, environment: {} });
  let green: AppProcess | undefined;
  const progress: DeploymentProgress[] = [];
  const deployment = new BlueGreenDeployment({
    balancer,
    blue,
    startGreen: async () => (green = await AppProcess.start({ version: 'v2' })),
    hookFunction,
    hookFunctionName: 'CodeDeployHook_test',
    // One simulated minute takes 0.3 s.
    clock: new SimClock(0.005),
    eventSeconds: 1,
    terminationWaitMinutes: 1,
    hookTimeoutMinutes: 5,
    onProgress: (event) => progress.push(event),
  });
  cleanups.push(() => blue.stop(), () => balancer.stop(), () => hookFunction.remove(), async () => green?.stop());
  return { deployment, balancer, green: () => green, progress };
};

describe('BlueGreenDeployment', () => {
  it('fails and rolls back when the hook never reports within the hook timeout, as CodeDeploy does', async () => {
    // Prepare
    const { deployment, balancer, green } = await prepare('echo-function.zip');
    const control = silentHookDeployment();

    // Act
    await deployment.drive(control, new AbortController().signal);
    await deployment.settled();

    // Assess
    expect(control.failures).toEqual([
      { code: 'HOOK_EXECUTION_FAILURE', message: expect.stringContaining('did not report within 5 minutes') as unknown as string },
    ]);
    expect(control.events).toContain('AfterAllowTestTraffic Failed');
    expect(balancer.test.weights).toEqual({ blue: 100, green: 0 });
    expect(versionOf(await get(`${balancer.test.url}/version`))).toBe('v1');
    expect(await green()?.stop()).toBe(0);
    expect(deployment.record).toMatchObject({ status: 'Failed', rolledBack: true, hookInvocations: 1 });
  }, 60_000);

  it('retries a hook that ends in a function error twice, as Lambda retries an asynchronous invocation', async () => {
    // Prepare
    const { deployment, progress } = await prepare('failing-function.zip');
    const control = silentHookDeployment();

    // Act
    await deployment.drive(control, new AbortController().signal);
    await deployment.settled();

    // Assess
    const errors = progress.flatMap((event) => (event.kind === 'hook-function-error' ? [event.error] : []));
    expect(errors).toEqual(Array.from({ length: 3 }, () => 'unhandled exception in the hook'));
    expect(deployment.record.hookInvocations).toBe(3);
    expect(deployment.record.status).toBe('Failed');
  }, 60_000);

  it.each([
    [true, { blue: 100, green: 0 }],
    [false, { blue: 50, green: 50 }],
  ])('on StopDeployment (autoRollbackEnabled %s) during the traffic shift ends Stopped with traffic at %j', async (autoRollbackEnabled, weights) => {
    // Prepare
    const { deployment, balancer } = await prepare('echo-function.zip');
    const stop = new AbortController();
    const control = {
      ...silentHookDeployment(),
      startHook: (name: HookableLifecycleEventName) => ({ lifecycleEventHookExecutionId: 'hook-1', deploymentId: 'd-TEST00001', lifecycleEventName: name, result: Promise.resolve('Succeeded' as const) }),
      stopRequest: () => (stop.signal.aborted ? { autoRollbackEnabled } : undefined),
    };

    // Act
    const driving = deployment.drive({ ...control, deploymentConfigName: 'CodeDeployDefault.ECSCanary50Percent60Minutes' }, stop.signal);
    while (balancer.production.weights.green === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const splitWeights = balancer.production.weights;
    stop.abort(new Error('stopped'));
    await driving;

    // Assess
    expect(splitWeights).toEqual({ blue: 50, green: 50 });
    expect(control.events).toContain('stopped');
    expect(balancer.production.weights).toEqual(weights);
    expect(deployment.record).toMatchObject({ status: 'Stopped', rolledBack: autoRollbackEnabled });
  }, 60_000);
});
