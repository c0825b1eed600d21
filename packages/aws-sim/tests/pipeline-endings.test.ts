import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  StopPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { startSimulator, type ActionView, type Simulator } from '../src/index.js';
import { actionOf, startedAction } from './support/actions.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

describe('CodePipeline execution endings', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 11, timeScale: 0.005 });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const start = async (name = 'app'): Promise<string> =>
    (await aws.codepipeline.send(new StartPipelineExecutionCommand({ name }))).pipelineExecutionId ?? '';

  const stop = (pipelineExecutionId: string, abandon: boolean, reason = 'Workflow run 42 was cancelled'): Promise<unknown> =>
    aws.codepipeline.send(new StopPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId, abandon, reason }));

  const deployRunning = (id: string): ActionView | undefined =>
    actionOf(
      sim.executions('app').find((execution) => execution.id === id),
      'Deploy',
    );

  it('stops and waits: Stopping while the deployment finishes with green live, then Stopped with the reason (FIDELITY CP-11)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds: 20 } } } }] }));
    const id = await start();
    await waitFor(() => deployRunning(id));

    // Act
    await stop(id, false);
    const { pipelineExecution: during } = await aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }));
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(during?.status).toBe('Stopping');
    expect(ended.status).toBe('Stopped');
    expect(ended.stop).toEqual({ reason: 'Workflow run 42 was cancelled', abandon: false });
    const deploy = actionOf(ended, 'Deploy');
    expect(deploy?.status).toBe('Succeeded');
    const deployment = sim.codedeploy.deployment(deploy?.externalExecutionId ?? '');
    expect(deployment.status).toBe('Succeeded');
    expect(deployment.rolledBack).toBe(false);
    expect(deployment.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['GREEN', 100]]);
  });

  it('starts nothing more after a stop-and-wait: the running Build finishes, Deploy never starts (FIDELITY CP-11)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const id = await start();
    await waitFor(() => startedAction(sim, 'app', 'Build'));

    // Act
    await stop(id, false);
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(ended.status).toBe('Stopped');
    expect(ended.actions.map((action) => [action.actionName, action.status])).toEqual([
      ['Source', 'Succeeded'],
      ['Build', 'Succeeded'],
    ]);
  });

  it('answers DuplicatedStopRequestException to a second stop-and-wait, and accepts the escalation to abandon (FIDELITY CP-13)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds: 200 } } } }] }));
    const id = await start();
    await waitFor(() => deployRunning(id));
    await stop(id, false);

    // Act
    const duplicate = stop(id, false);
    await expect(duplicate).rejects.toMatchObject({ name: 'DuplicatedStopRequestException' });
    await stop(id, true);
    const ended = await sim.waitForExecution('app', id);

    // Assess
    expect(ended.status).toBe('Stopped');
    expect(ended.stop).toEqual({ reason: 'Workflow run 42 was cancelled', abandon: true });
    expect(actionOf(ended, 'Deploy')?.status).toBe('Abandoned');
  });

  it('abandons: the action Abandoned at once, the execution Stopped, its deployment left running to the end (FIDELITY CP-12)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds: 20 } } } }] }));
    const id = await start();
    const deploymentId = await waitFor(() => deployRunning(id)?.externalExecutionId);

    // Act
    await stop(id, true);
    const { actionExecutionDetails } = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id } }));
    const ended = await sim.waitForExecution('app', id);
    const deploymentAtStop = sim.codedeploy.deployment(deploymentId).status;
    const finished = await waitFor(() => {
      const deployment = sim.codedeploy.deployment(deploymentId);
      return deployment.status === 'InProgress' ? undefined : deployment;
    });

    // Assess
    expect(actionExecutionDetails?.find((detail) => detail.actionName === 'Deploy')?.status).toBe('Abandoned');
    expect(ended.status).toBe('Stopped');
    expect(deploymentAtStop).toBe('InProgress');
    expect(finished.status).toBe('Succeeded');
    expect(finished.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['GREEN', 100]]);
    expect(actionOf(sim.executions('app')[0], 'Deploy')?.status).toBe('Abandoned');
  });

  it('abandons between actions: nothing else starts (FIDELITY CP-12)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const id = await start();
    await waitFor(() => startedAction(sim, 'app', 'Build'));

    // Act
    await stop(id, true);
    await sim.waitForExecution('app', id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { actionExecutionDetails } = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id } }));

    // Assess
    expect(actionExecutionDetails?.map((detail) => [detail.actionName, detail.status])).toEqual([
      ['Build', 'Abandoned'],
      ['Source', 'Succeeded'],
    ]);
  });

  it('answers PipelineExecutionNotStoppableException for a finished execution and for an unknown one (FIDELITY CP-13)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const id = await start();
    await sim.waitForExecution('app', id);

    // Act
    const finished = stop(id, false);
    const unknown = stop('00000000-0000-4000-a000-000000000000', false);

    // Assess
    await expect(finished).rejects.toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
    await expect(unknown).rejects.toMatchObject({ name: 'PipelineExecutionNotStoppableException' });
  });

  it('lets the deployment of an abandoned execution block the next one in the group with DeploymentLimitExceededException (FIDELITY CD-13)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds: 60 } } } }] }));
    const first = await start();
    const deploymentId = await waitFor(() => deployRunning(first)?.externalExecutionId);
    await stop(first, true);

    // Act
    const second = await start();
    const ended = await sim.waitForExecution('app', second);

    // Assess
    expect(sim.codedeploy.deployment(deploymentId).status).toBe('InProgress');
    expect(ended.status).toBe('Failed');
    expect(actionOf(ended, 'Deploy')?.errorDetails).toEqual({ code: 'JobFailed', message: "The Deployment Group 'app-dg' already has an active Deployment." });
  });

  it('ends Superseded before the scripted stage and names the newer execution', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ ending: { status: 'Superseded', beforeStage: 'Deploy' } }] }));

    // Act
    const id = await start();
    const ended = await sim.waitForExecution('app', id);
    const { pipelineExecution } = await aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }));
    const { pipelineExecutionSummaries } = await aws.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }));

    // Assess
    expect(ended.status).toBe('Superseded');
    expect(ended.supersededBy).toBeDefined();
    expect(pipelineExecution?.statusSummary).toBe(`Superseded by pipeline execution ${ended.supersededBy}.`);
    expect(pipelineExecutionSummaries?.[0]?.pipelineExecutionId).toBe(ended.supersededBy);
    expect(pipelineExecutionSummaries?.[0]?.trigger?.triggerType).toBe('WebhookV2');
    expect(ended.stages).toEqual({ Source: 'Succeeded', Build: 'Succeeded' });
  });

  it('ends Stopped by another user with the stop reason in ListPipelineExecutions', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { ending: { status: 'Stopped', beforeStage: 'Build', reason: 'Stopped by alice' } }));

    // Act
    const id = await start();
    const ended = await sim.waitForExecution('app', id);
    const { pipelineExecutionSummaries } = await aws.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }));

    // Assess
    expect(ended.status).toBe('Stopped');
    expect(pipelineExecutionSummaries?.[0]?.stopTrigger?.reason).toBe('Stopped by alice');
  });

  it('ends Cancelled when the scenario says the pipeline definition changed', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { ending: { status: 'Cancelled', beforeStage: 'Deploy' } }));

    // Act
    const ended = await sim.waitForExecution('app', await start());

    // Assess
    expect(ended.status).toBe('Cancelled');
    expect(ended.statusSummary).toContain('pipeline definition was updated');
  });

  it('supersedes an execution waiting for a busy stage when a newer one arrives there (SUPERSEDED mode)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { durationSeconds: 300 } } }] }));
    const first = await start();
    await waitFor(() => startedAction(sim, 'app', 'Deploy'));
    const second = await start();
    const buildDone = (id: string) => (): true | undefined =>
      actionOf(sim.executions('app').find((execution) => execution.id === id), 'Build')?.status === 'Succeeded' ? true : undefined;
    await waitFor(buildDone(second));

    // Act
    const third = await start();
    const [firstEnd, secondEnd, thirdEnd] = await Promise.all([
      sim.waitForExecution('app', first),
      sim.waitForExecution('app', second),
      sim.waitForExecution('app', third),
    ]);

    // Assess
    expect(secondEnd.status).toBe('Superseded');
    expect(secondEnd.supersededBy).toBe(third);
    expect(secondEnd.stages).toEqual({ Source: 'Succeeded', Build: 'Succeeded' });
    expect(firstEnd.status).toBe('Succeeded');
    expect(thirdEnd.status).toBe('Succeeded');
    expect(actionOf(thirdEnd, 'Deploy')?.startTime.getTime()).toBeGreaterThanOrEqual(firstEnd.endTime?.getTime() ?? Infinity);
  });

  it('makes a newer execution wait at each busy stage, so both succeed in order (SUPERSEDED mode)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const first = await start();
    const second = await start();
    const [firstEnd, secondEnd] = await Promise.all([sim.waitForExecution('app', first), sim.waitForExecution('app', second)]);

    // Assess
    expect([firstEnd.status, secondEnd.status]).toEqual(['Succeeded', 'Succeeded']);
    for (const stage of ['Source', 'Build', 'Deploy']) {
      expect(actionOf(secondEnd, stage)?.startTime.getTime()).toBeGreaterThanOrEqual(actionOf(firstEnd, stage)?.lastUpdateTime.getTime() ?? Infinity);
    }
  });

  it('queues executions stage by stage in QUEUED mode, none superseded', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { executionMode: 'QUEUED', starts: [{ actions: { Deploy: { durationSeconds: 200 } } }] }));

    // Act
    const ids = [await start(), await start(), await start()];
    const ends = await Promise.all(ids.map((id) => sim.waitForExecution('app', id)));

    // Assess
    expect(ends.map((end) => end.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    const deployStarts = ends.map((end) => actionOf(end, 'Deploy')?.startTime.getTime() ?? 0);
    expect([...deployStarts].sort((a, b) => a - b)).toEqual(deployStarts);
    expect(deployStarts[1]).toBeGreaterThanOrEqual(ends[0]?.endTime?.getTime() ?? Infinity);
  });

  it('runs PARALLEL executions side by side, where the second deployment to the group fails with DeploymentLimitExceededException (FIDELITY CD-13)', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { executionMode: 'PARALLEL' }));

    // Act
    const first = await start();
    const second = await start();
    const [firstEnd, secondEnd] = await Promise.all([sim.waitForExecution('app', first), sim.waitForExecution('app', second)]);

    // Assess
    expect([firstEnd.status, secondEnd.status]).toEqual(['Succeeded', 'Failed']);
    expect(actionOf(secondEnd, 'Deploy')?.startTime.getTime()).toBeLessThan(firstEnd.endTime?.getTime() ?? 0);
    expect(actionOf(secondEnd, 'Deploy')?.errorDetails?.message).toContain('already has an active Deployment');
  });

  it.each(['QUEUED', 'PARALLEL'] as const)('refuses a Superseded ending in %s mode, where CodePipeline never supersedes (FIDELITY CP-6)', (executionMode) => {
    // Act
    const add = (): void => sim.addPipeline(blueGreenPipeline('app', { executionMode, ending: { status: 'Superseded', beforeStage: 'Deploy' } }));

    // Assess
    expect(add).toThrow(expect.objectContaining({ name: 'SimulatorScenarioError', message: expect.stringContaining('needs executionMode SUPERSEDED') }));
  });

  it('stops a QUEUED execution that is still waiting for its turn without running any stage', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { executionMode: 'QUEUED', starts: [{ actions: { Source: { durationSeconds: 200 } } }] }));
    const first = await start();
    const queued = await start();

    // Act
    await stop(queued, false);
    const queuedEnd = await sim.waitForExecution('app', queued);
    const firstEnd = await sim.waitForExecution('app', first);

    // Assess
    expect(queuedEnd.status).toBe('Stopped');
    expect(queuedEnd.actions).toHaveLength(0);
    expect(firstEnd.status).toBe('Succeeded');
  });
});
