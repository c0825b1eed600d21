import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  ContinueDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-codedeploy';
import { StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type DeploymentGroupSpec, type Simulator } from '../src/index.js';
import { actionOf, startedAction } from './support/actions.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

const GROUP: DeploymentGroupSpec = {
  applicationName: 'app',
  deploymentGroupName: 'app-dg',
  prodListenerArns: ['prod'],
  testListenerArns: ['test'],
  targetGroups: ['app-blue', 'app-green'],
};

describe('CodeDeploy stop, continue and waits', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 8, timeScale: 0.005 });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  /** Starts the stack's pipeline against `group` and resolves with the execution and deployment ids once Deploy runs. */
  const deploy = async (group: Partial<DeploymentGroupSpec> = {}, stepSeconds = 8): Promise<{ executionId: string; deploymentId: string }> => {
    sim.codedeploy.addDeploymentGroup({ ...GROUP, ...group });
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds } } } }] }));
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);
    return { executionId: pipelineExecutionId ?? '', deploymentId };
  };

  const weights = (deploymentId: string): string =>
    sim.codedeploy
      .deployment(deploymentId)
      .taskSets.map((taskSet) => `${taskSet.taskSetLabel}:${taskSet.trafficWeight}`)
      .join(',');

  /** The deployment once every lifecycle event succeeded and blue still runs: the termination wait. */
  const terminationWait = (deploymentId: string): Promise<ReturnType<Simulator['codedeploy']['deployment']>> =>
    waitFor(() => {
      const deployment = sim.codedeploy.deployment(deploymentId);
      const allEventsDone = deployment.lifecycleEvents.every((event) => event.status === 'Succeeded');
      return allEventsDone && deployment.taskSets.length === 2 ? deployment : undefined;
    });

  it('keeps the deployment and the Deploy action InProgress with all traffic on green until blue is terminated (FIDELITY CD-10)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ terminationWaitTimeInMinutes: 2 });

    // Act
    const waiting = await terminationWait(deploymentId);
    const deployWhileWaiting = actionOf(sim.executions('app')[0], 'Deploy')?.status;
    const ended = await sim.waitForExecution('app', executionId);
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    expect(waiting.status).toBe('InProgress');
    expect(waiting.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.status, taskSet.trafficWeight])).toEqual([
      ['BLUE', 'ACTIVE', 0],
      ['GREEN', 'PRIMARY', 100],
    ]);
    expect(deployWhileWaiting).toBe('InProgress');
    expect(ended.status).toBe('Succeeded');
    expect(weights(deploymentId)).toBe('GREEN:100');
    expect(deploymentInfo?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess?.terminationWaitTimeInMinutes).toBe(2);
    // Two scenario minutes really elapsed after the traffic moved, scaled.
    const afterAllowTraffic = waiting.lifecycleEvents.at(-1)?.endTime?.getTime() ?? Infinity;
    expect((deploymentInfo?.completeTime?.getTime() ?? 0) - afterAllowTraffic).toBeGreaterThanOrEqual(120_000 * 0.005);
  });

  it('terminates blue at once on ContinueDeployment TERMINATION_WAIT (FIDELITY CD-10)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ terminationWaitTimeInMinutes: 2880 });
    await terminationWait(deploymentId);

    // Act
    await aws.codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'TERMINATION_WAIT' }));
    const ended = await sim.waitForExecution('app', executionId);

    // Assess
    expect(ended.status).toBe('Succeeded');
    expect(sim.codedeploy.deployment(deploymentId).status).toBe('Succeeded');
  });

  it('rolls traffic back to blue on StopDeployment with autoRollbackEnabled during the termination wait (FIDELITY CD-11)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ terminationWaitTimeInMinutes: 2880 });
    await terminationWait(deploymentId);

    // Act
    const answer = await aws.codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
    const ended = await sim.waitForExecution('app', executionId);
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    expect(answer.status).toBe('Pending');
    expect(ended.status).toBe('Failed');
    expect(actionOf(ended, 'Deploy')?.errorDetails?.message).toContain('was stopped');
    expect(deploymentInfo?.status).toBe('Stopped');
    expect(deploymentInfo?.errorInformation?.code).toBe('MANUAL_STOP');
    expect(deploymentInfo?.rollbackInfo?.rollbackMessage).toContain('rolled back');
    expect(weights(deploymentId)).toBe('BLUE:100');
  });

  it('stops without moving traffic back when autoRollbackEnabled is false (FIDELITY CD-11)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ terminationWaitTimeInMinutes: 2880 });
    await terminationWait(deploymentId);

    // Act
    await aws.codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: false }));
    await sim.waitForExecution('app', executionId);

    // Assess
    expect(sim.codedeploy.deployment(deploymentId)).toMatchObject({ status: 'Stopped', rolledBack: false });
    expect(weights(deploymentId)).toBe('BLUE:0,GREEN:100');
  });

  it('answers DeploymentAlreadyCompletedException to StopDeployment and ContinueDeployment once the deployment ended (FIDELITY CD-11, CD-12)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy();
    await sim.waitForExecution('app', executionId);

    // Act
    const stop = aws.codedeploy.send(new StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
    const resume = aws.codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }));

    // Assess
    await expect(stop).rejects.toMatchObject({ name: 'DeploymentAlreadyCompletedException' });
    await expect(resume).rejects.toMatchObject({ name: 'DeploymentAlreadyCompletedException' });
  });

  it('parks the deployment Ready with STOP_DEPLOYMENT until ContinueDeployment, with production traffic still on blue (FIDELITY CD-9)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 2880 } });
    const ready = await waitFor(async () => {
      const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));
      return deploymentInfo?.status === 'Ready' ? deploymentInfo : undefined;
    });
    const tooEarly = aws.codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'TERMINATION_WAIT' }));
    await expect(tooEarly).rejects.toMatchObject({ name: 'InvalidDeploymentStatusException' });

    // Act
    await aws.codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }));
    const ended = await sim.waitForExecution('app', executionId);

    // Assess
    expect(ready.deploymentOverview?.Ready).toBe(1);
    expect(ready.blueGreenDeploymentConfiguration?.deploymentReadyOption).toEqual({ actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 2880 });
    expect(ended.status).toBe('Succeeded');
    expect(weights(deploymentId)).toBe('GREEN:100');
  });

  it('ends a deployment parked Ready Stopped when nobody continues it within the wait, blue still serving (FIDELITY CD-9)', async () => {
    // Prepare
    const { executionId, deploymentId } = await deploy({ deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 1 } });

    // Act
    const ended = await sim.waitForExecution('app', executionId);

    // Assess
    expect(ended.status).toBe('Failed');
    expect(sim.codedeploy.deployment(deploymentId)).toMatchObject({ status: 'Stopped', rolledBack: false, errorInformation: { code: 'TIMEOUT' } });
    expect(sim.codedeploy.deployment(deploymentId).lifecycleEvents.find((event) => event.lifecycleEventName === 'BeforeAllowTraffic')?.status).toBe('Pending');
    expect(weights(deploymentId)).toBe('BLUE:100');
  });

  it('answers DeploymentIsNotInReadyStateException to ContinueDeployment READY_WAIT while the deployment is not Ready (FIDELITY CD-12)', async () => {
    // Prepare
    const { deploymentId } = await deploy({}, 200);

    // Act
    const resume = aws.codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }));

    // Assess
    await expect(resume).rejects.toMatchObject({ name: 'DeploymentIsNotInReadyStateException' });
  });

  it('describes the ready and termination waits in GetDeploymentGroup (FIDELITY CD-1)', async () => {
    // Prepare
    sim.codedeploy.addDeploymentGroup({ ...GROUP, terminationWaitTimeInMinutes: 15, deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60 } });

    // Act
    const { deploymentGroupInfo } = await aws.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'app-dg' }));

    // Assess
    expect(deploymentGroupInfo?.blueGreenDeploymentConfiguration).toEqual({
      terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: 15 },
      deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 60 },
    });
  });

  it('refuses a second active deployment in one deployment group (FIDELITY CD-13)', () => {
    // Prepare
    sim.codedeploy.addDeploymentGroup(GROUP);
    sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg' });

    // Act
    const second = (): unknown => sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg' });

    // Assess
    expect(second).toThrow(expect.objectContaining({ name: 'SimulatorUsageError', message: "The Deployment Group 'app-dg' already has an active Deployment." }));
  });

  it.each(['Install', 'AllowTestTraffic', 'AllowTraffic'] as const)('accepts no hook at %s, which ECS deployments cannot hook (FIDELITY CD-5)', (event) => {
    // Act
    const scripted = (): void =>
      sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { hooks: [event as 'AfterInstall'] } } } }] }));
    const inProcess = (): unknown => sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg', hooks: [event as 'AfterInstall'] });

    // Assess
    expect(scripted).toThrow(expect.objectContaining({ name: 'SimulatorScenarioError', message: expect.stringContaining(`lists ${event}, which runs no hooks`) }));
    expect(inProcess).toThrow(expect.objectContaining({ name: 'SimulatorUsageError', message: expect.stringContaining(`${event} runs no hooks`) }));
  });
});
