import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CodeDeployClient, ContinueDeploymentCommand } from '@aws-sdk/client-codedeploy';
import type { DeploymentView } from '@greenlight/aws-sim';
import { appPipeline, startHarness, type Harness } from '../support/harness.js';

// The runner sends SIGTERM 7.5 s after SIGINT: everything on-cancel does must have reached AWS by then.
const CANCEL_WINDOW_MS = 7_500;
// 800 simulated seconds of deployment at timeScale 0.01: 1 s per lifecycle event, long enough to cancel mid-way.
const DEPLOY_SECONDS = 800;

/** A pipeline of the stack whose deployment group is its own, so that no two tests' deployments meet in one group. */
const deployingPipeline = (name: string) =>
  appPipeline(name, { deploymentGroupName: `${name}-dg`, actions: { Deploy: { durationSeconds: DEPLOY_SECONDS } } });

const PIPELINES = ['rollback', 'slow-stop', 'stop-only', 'hard-kill', 'denied', 'busy-group', 'ready'] as const;

describe('on-cancel with a CodeDeploy deployment running', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(PIPELINES.map(deployingPipeline));
    for (const name of PIPELINES) {
      harness.sim.codedeploy.addDeploymentGroup({
        applicationName: 'app',
        deploymentGroupName: `${name}-dg`,
        prodListenerArns: ['prod'],
        testListenerArns: ['test'],
        targetGroups: ['blue', 'green'],
        ...(name === 'ready' ? { deploymentReadyOption: { actionOnTimeout: 'STOP_DEPLOYMENT', waitTimeInMinutes: 600 } } : {}),
      });
    }
  });
  afterAll(async () => harness.stop());

  const deploymentOf = (pipelineName: string): string =>
    harness.sim.executions(pipelineName)[0]?.actions.find((action) => action.actionName === 'Deploy')?.externalExecutionId ?? '';

  const ended = async (deploymentId: string): Promise<DeploymentView> => {
    for (;;) {
      const view = harness.sim.codedeploy.deployment(deploymentId);
      if (!['InProgress', 'Ready'].includes(view.status)) return view;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('rolls the deployment back on SIGINT: StopDeployment with autoRollbackEnabled and StopPipelineExecution within 7.5 s', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'rollback' });
    await running.waitForOutput(/▶ Deploy › Deploy started/);

    // Act
    const cancelledAt = Date.now();
    running.kill('SIGINT');
    const result = await running.result;
    const deployment = await ended(deploymentOf('rollback'));

    // Assess
    const stops = harness.callsFor('StopPipelineExecution', 'rollback');
    const rollbacks = harness.sim.callsTo('StopDeployment');
    expect(stops.map((call) => [call.input['abandon'], call.status])).toEqual([[false, 200]]);
    expect(rollbacks.map((call) => call.input)).toEqual([{ deploymentId: deployment.deploymentId, autoRollbackEnabled: true }]);
    expect(Math.max(...[...stops, ...rollbacks].map((call) => call.at.getTime()))).toBeLessThan(cancelledAt + CANCEL_WINDOW_MS);
    expect(deployment).toMatchObject({ status: 'Stopped', rolledBack: true });
    expect(deployment.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['BLUE', 100]]);
    expect(result.stdout).toContain(`Deployment ${deployment.deploymentId} is rolling back`);
    expect(result.errors.map((error) => error.properties['title'])).toEqual(['Workflow cancelled: pipeline stop requested']);
    expect(result.state['stop-requested']).toBe('true');
    expect((await harness.sim.waitForExecution('rollback', harness.sim.executions('rollback')[0]?.id ?? '')).status).toBe('Stopped');
  });

  it('asks for the rollback only once the pipeline stop has landed, so the execution ends Stopped rather than Failed', async () => {
    // Prepare: StopPipelineExecution answers after 1.5 s; a rollback sent meanwhile could end the Deploy action first.
    const running = await harness.start({ 'pipeline-name': 'slow-stop' });
    await running.waitForOutput(/▶ Deploy › Deploy started/);
    harness.sim.setFaults({ latencyMs: [1_500, 1_500], operations: ['StopPipelineExecution'] });

    // Act
    running.kill('SIGINT');
    await running.result;
    harness.sim.setFaults({});
    const deployment = await ended(deploymentOf('slow-stop'));

    // Assess
    const [stop] = harness.callsFor('StopPipelineExecution', 'slow-stop');
    const rollback = harness.sim.callsTo('StopDeployment').find((call) => call.input['deploymentId'] === deployment.deploymentId);
    expect((rollback?.at.getTime() ?? 0) - (stop?.at.getTime() ?? Infinity)).toBeGreaterThanOrEqual(1_400);
    expect(deployment).toMatchObject({ status: 'Stopped', rolledBack: true });
    expect((await harness.sim.waitForExecution('slow-stop', harness.sim.executions('slow-stop')[0]?.id ?? '')).status).toBe('Stopped');
  });

  it('only stops the execution with on-cancel stop: the deployment completes, green goes live, the log says so', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'stop-only', 'on-cancel': 'stop' });
    await running.waitForOutput(/▶ Deploy › Deploy started/);
    const callsBefore = harness.sim.callsTo('StopDeployment').length;

    // Act
    running.kill('SIGINT');
    const result = await running.result;
    const deployment = await ended(deploymentOf('stop-only'));
    const execution = await harness.sim.waitForExecution('stop-only', harness.sim.executions('stop-only')[0]?.id ?? '');

    // Assess
    expect(harness.sim.callsTo('StopDeployment')).toHaveLength(callsBefore);
    expect(harness.callsFor('StopPipelineExecution', 'stop-only')).toHaveLength(1);
    expect(result.stdout).toMatch(/on-cancel is stop: (deployment d-\w+, in progress,|an action in progress \(a deployment included\)) completes/);
    expect(deployment.status).toBe('Succeeded');
    expect(deployment.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['GREEN', 100]]);
    expect(execution.status).toBe('Stopped');
  });

  it('rolls back from the post step after a hard kill, with the deployment id the main step recorded', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'hard-kill' });
    await running.waitForOutput(/deployment d-\w+: BeforeInstall/);
    running.kill('SIGKILL');
    const killed = await running.result;

    // Act
    const post = await harness.post(killed.state);
    const deployment = await ended(deploymentOf('hard-kill'));

    // Assess
    expect(killed.state['deployment-id']).toBe(deployment.deploymentId);
    expect(killed.state['on-cancel']).toBe('rollback');
    expect(post.exitCode).toBe(0);
    expect(harness.callsFor('StopPipelineExecution', 'hard-kill')).toHaveLength(1);
    expect(harness.sim.callsTo('StopDeployment').filter((call) => call.input['deploymentId'] === deployment.deploymentId)).toHaveLength(1);
    expect(deployment).toMatchObject({ status: 'Stopped', rolledBack: true });
    expect(post.stdout).toContain(`Deployment ${deployment.deploymentId} is rolling back`);
  });

  it('falls back to the stop when StopDeployment is denied, and the annotation names the missing permission', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'denied' });
    await running.waitForOutput(/▶ Deploy › Deploy started/);
    harness.sim.setFaults({ deny: ['codedeploy:StopDeployment'] });

    // Act
    running.kill('SIGINT');
    const result = await running.result;
    harness.sim.setFaults({});
    const deployment = await ended(deploymentOf('denied'));

    // Assess
    expect(harness.callsFor('StopPipelineExecution', 'denied').map((call) => call.status)).toEqual([200]);
    expect(harness.sim.callsTo('StopDeployment').filter((call) => call.input['deploymentId'] === deployment.deploymentId).map((call) => call.status)).toEqual([403]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Workflow cancelled: rollback denied (codedeploy:StopDeployment missing)');
    expect(result.errors[0]?.message).toContain(`Deployment ${deployment.deploymentId} was not rolled back: the role may not call codedeploy:StopDeployment`);
    expect(deployment.status).toBe('Succeeded');
  });

  it('explains a deployment group that already has an active deployment', async () => {
    // Prepare
    harness.sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'busy-group-dg' });

    // Act
    const result = await harness.run({ 'pipeline-name': 'busy-group' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain("The Deployment Group 'busy-group-dg' already has an active Deployment.");
    expect(result.errors[0]?.message).toContain('Another deployment is still active in the deployment group');
    expect(result.outputs['failure-message']).toContain('aws deploy stop-deployment --deployment-id <id> --auto-rollback-enabled');
  });

  it('explains a deployment parked Ready: what it waits for, until when, and how to continue it', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'ready' });
    const note = await running.waitForOutput(/is Ready and waits for someone to continue it/);
    const deploymentId = deploymentOf('ready');

    // Act
    const codedeploy = new CodeDeployClient({
      region: harness.sim.region,
      endpoint: harness.sim.endpoint,
      credentials: { accessKeyId: harness.sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: harness.sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    });
    await codedeploy.send(new ContinueDeploymentCommand({ deploymentId, deploymentWaitType: 'READY_WAIT' }));
    codedeploy.destroy();
    const result = await running.result;

    // Assess
    expect(note).toContain(`deployment ${deploymentId} is Ready`);
    expect(note).toMatch(/CodeDeploy stops it if nobody continues it by about \d{4}-\d\d-\d\dT\d\d:\d\dZ \(600 minutes after it became ready\)/);
    expect(note).toContain(`aws deploy continue-deployment --deployment-id ${deploymentId} --deployment-wait-type READY_WAIT`);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('Succeeded');
  });
});
