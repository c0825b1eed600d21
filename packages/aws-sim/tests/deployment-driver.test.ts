import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GetDeploymentCommand, PutLifecycleEventHookExecutionStatusCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { StartPipelineExecutionCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type DeploymentHandle, type Simulator } from '../src/index.js';
import { actionOf, startedAction } from './support/actions.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

describe('external deployment driver', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 5, timeScale: 0.005 });
    aws = clientsFor(sim);
    sim.codedeploy.addDeploymentGroup({
      applicationName: 'app',
      deploymentGroupName: 'app-dg',
      prodListenerArns: ['prod-listener'],
      testListenerArns: ['test-listener'],
      targetGroups: ['app-blue', 'app-green'],
    });
    sim.addPipeline(blueGreenPipeline('app'));
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const startPipeline = async (): Promise<string> =>
    (await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app', clientRequestToken: 'driver-test' }))).pipelineExecutionId ?? '';

  const addGreen = (handle: DeploymentHandle): void => {
    const [blue] = handle.taskSets();
    if (blue !== undefined) {
      handle.setTaskSets([blue, { ...blue, identifier: 'ecs-svc/green', taskSetLabel: 'GREEN', status: 'ACTIVE', trafficWeight: 0, targetGroupName: 'app-green' }]);
    }
  };

  it('hands the deployment to the driver, whose hook is resolved by the real PutLifecycleEventHookExecutionStatus', async () => {
    // Prepare
    const seen: { group?: string | undefined; pipeline?: string | undefined; weights?: string } = {};
    sim.setDeploymentDriver(async (handle) => {
      seen.group = handle.deploymentGroup?.testListenerArns.join(',');
      seen.pipeline = handle.pipeline?.actionName;
      handle.setLifecycleEvent('Install', 'InProgress');
      addGreen(handle);
      handle.setLifecycleEvent('Install', 'Succeeded');
      const hook = handle.startHook('AfterAllowTestTraffic');
      if ((await hook.result) === 'Succeeded') {
        handle.setTrafficWeights({ blue: 0, green: 100 });
        seen.weights = handle.taskSets().map((taskSet) => `${taskSet.taskSetLabel}:${taskSet.trafficWeight}`).join(',');
        handle.succeed();
      }
    });
    const id = await startPipeline();
    const [hook] = await waitFor(() => {
      const deploymentId = startedAction(sim, 'app', 'Deploy')?.externalExecutionId;
      const open = deploymentId === undefined ? [] : sim.codedeploy.openHooks(deploymentId);
      return open.length > 0 ? open : undefined;
    });

    // Act
    await aws.codedeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: hook?.deploymentId,
        lifecycleEventHookExecutionId: hook?.lifecycleEventHookExecutionId,
        status: 'Succeeded',
      }),
    );
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(seen).toEqual({ group: 'test-listener', pipeline: 'Deploy', weights: 'BLUE:0,GREEN:100' });
    expect(ended.status).toBe('Succeeded');
    expect(sim.codedeploy.deployment(hook?.deploymentId ?? '').status).toBe('Succeeded');
  });

  it('fails the pipeline action with the deployment error when the driver fails the deployment', async () => {
    // Prepare
    sim.setDeploymentDriver(async (handle) => {
      addGreen(handle);
      const hook = handle.startHook('AfterAllowTestTraffic');
      await aws.codedeploy.send(
        new PutLifecycleEventHookExecutionStatusCommand({ deploymentId: hook.deploymentId, lifecycleEventHookExecutionId: hook.lifecycleEventHookExecutionId, status: 'Failed' }),
      );
      if ((await hook.result) === 'Failed') {
        handle.setTrafficWeights({ blue: 100, green: 0 });
        handle.fail({ code: 'HOOK_EXECUTION_FAILURE', message: 'check /health answered 503' });
      }
    });

    // Act
    const ended = await sim.waitForExecution('app', await startPipeline());
    const deploy = actionOf(ended, 'Deploy');
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId: deploy?.externalExecutionId }));

    // Assess
    expect(ended.status).toBe('Failed');
    expect(deploy?.status).toBe('Failed');
    expect(deploy?.errorDetails?.message).toContain('check /health answered 503');
    expect(deploymentInfo?.errorInformation).toEqual({ code: 'HOOK_EXECUTION_FAILURE', message: 'check /health answered 503' });
    expect(deploymentInfo?.rollbackInfo?.rollbackMessage).toBeDefined();
  });

  it('aborts the driver signal on StopDeployment with the rollback asked for, so it rolls back and the action fails (FIDELITY CD-11)', async () => {
    // Prepare
    let asked: { autoRollbackEnabled: boolean } | undefined;
    sim.setDeploymentDriver(async (handle, signal) => {
      addGreen(handle);
      handle.setTrafficWeights({ blue: 50, green: 50 });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      asked = handle.stopRequest();
      handle.setTrafficWeights({ blue: 100, green: 0 });
      handle.stopped();
    });
    const id = await startPipeline();
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);

    // Act
    const answer = await aws.codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(answer.status).toBe('Pending');
    expect(asked).toEqual({ autoRollbackEnabled: true });
    expect(ended.status).toBe('Failed');
    expect(actionOf(ended, 'Deploy')?.status).toBe('Failed');
    const deployment = sim.codedeploy.deployment(deploymentId);
    expect(deployment).toMatchObject({ status: 'Stopped', rolledBack: true, errorInformation: { code: 'MANUAL_STOP' } });
    expect(deployment.taskSets.find((taskSet) => taskSet.taskSetLabel === 'BLUE')?.trafficWeight).toBe(100);
  });

  it('leaves the driver signal alone when the pipeline execution is stopped: the deployment runs on (FIDELITY CP-11)', async () => {
    // Prepare
    let aborted = false;
    sim.setDeploymentDriver(async (handle, signal) => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      addGreen(handle);
      await new Promise((resolve) => setTimeout(resolve, 300));
      handle.setTrafficWeights({ blue: 0, green: 100 });
      handle.succeed();
    });
    const id = await startPipeline();
    await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);

    // Act
    await aws.codepipeline.send(new StopPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id, reason: 'cancelled' }));
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(aborted).toBe(false);
    expect(ended.status).toBe('Stopped');
    expect(actionOf(ended, 'Deploy')?.status).toBe('Succeeded');
  });

  it('ends the deployment Failed with the error when the driver throws', async () => {
    // Prepare
    sim.setDeploymentDriver(() => Promise.reject(new Error('green app never started')));

    // Act
    const ended = await sim.waitForExecution('app', await startPipeline());
    const deploy = actionOf(ended, 'Deploy');

    // Assess
    expect(ended.status).toBe('Failed');
    expect(sim.codedeploy.deployment(deploy?.externalExecutionId ?? '').errorInformation).toEqual({
      code: 'INTERNAL_ERROR',
      message: 'The deployment driver failed: green app never started',
    });
  });

  it('ends the deployment Succeeded when the driver resolves without ending it', async () => {
    // Prepare
    sim.setDeploymentDriver(() => Promise.resolve());

    // Act
    const ended = await sim.waitForExecution('app', await startPipeline());

    // Assess
    expect(ended.status).toBe('Succeeded');
  });

  it('refuses changes to a deployment that has already ended', async () => {
    // Prepare
    let lateChange: unknown;
    sim.setDeploymentDriver((handle) => {
      handle.succeed();
      try {
        handle.setTrafficWeights({ blue: 0, green: 100 });
      } catch (error) {
        lateChange = error;
      }
      return Promise.resolve();
    });

    // Act
    await sim.waitForExecution('app', await startPipeline());

    // Assess
    expect(lateChange).toMatchObject({ name: 'SimulatorUsageError', message: expect.stringContaining('already ended Succeeded') });
  });

  it('goes back to the scripted driver when the driver is cleared', async () => {
    // Prepare
    sim.setDeploymentDriver(() => Promise.reject(new Error('not this one')));
    sim.setDeploymentDriver(undefined);

    // Act
    const ended = await sim.waitForExecution('app', await startPipeline());
    const deploy = actionOf(ended, 'Deploy');

    // Assess
    expect(ended.status).toBe('Succeeded');
    expect(sim.codedeploy.deployment(deploy?.externalExecutionId ?? '').lifecycleEvents.every((event) => event.status === 'Succeeded')).toBe(true);
  });
});
