import { CodePipelineClient, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appPipeline, startHarness, type Harness } from '../support/harness.js';

// An hour-long build at timeScale 0.01 runs 36 s: long enough to cancel mid-way.
const slowPipeline = (name: string) => appPipeline(name, { actions: { Build: { durationSeconds: 3600 } } });

const STOP_WINDOW_MS = 5_000;

describe('cancellation', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(['by-signal', 'by-sigterm', 'by-post', 'not-ours', 'keep-running', 'after-end', 'already-stopping', 'lost-stop'].map(slowPipeline));
  });
  afterAll(async () => harness.stop());

  it('stops the execution within 5 s of SIGINT, with a reason naming the workflow run', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'by-signal' });
    await running.waitForOutput(/▶ Build › Build started/);

    // Act
    const cancelledAt = Date.now();
    running.kill('SIGINT');
    const result = await running.result;

    // Assess
    const stops = harness.callsFor('StopPipelineExecution', 'by-signal');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.at.getTime() ?? Infinity).toBeLessThan(cancelledAt + STOP_WINDOW_MS);
    expect(stops[0]?.input['reason']).toBe('Workflow run cancelled by https://github.com/octo/app/actions/runs/4242/attempts/1');
    expect(stops[0]?.input['abandon']).toBe(false);
    expect(['Stopping', 'Stopped']).toContain(harness.sim.executions('by-signal')[0]?.status);
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('Stopping');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Workflow cancelled: pipeline stop requested');
    expect(result.state['stop-requested']).toBe('true');
  });

  it('stops the execution on SIGTERM alone too', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'by-sigterm' });
    await running.waitForOutput(/▶ Build › Build started/);

    // Act
    running.kill('SIGTERM');
    const result = await running.result;

    // Assess
    expect(harness.callsFor('StopPipelineExecution', 'by-sigterm')).toHaveLength(1);
    expect(result.signal).toBeNull();
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('Stopping');
  });

  it('abandons the execution when a stop-and-wait is already pending', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'already-stopping' });
    await running.waitForOutput(/▶ Build › Build started/);
    const client = new CodePipelineClient({
      region: harness.sim.region,
      endpoint: harness.sim.endpoint,
      credentials: { accessKeyId: harness.sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: harness.sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    });
    const executionId = harness.sim.executions('already-stopping')[0]?.id ?? '';
    await client.send(new StopPipelineExecutionCommand({ pipelineName: 'already-stopping', pipelineExecutionId: executionId, reason: 'operator' }));

    // Act
    running.kill('SIGINT');
    const result = await running.result;

    // Assess
    const ours = harness.callsFor('StopPipelineExecution', 'already-stopping').slice(1);
    expect(ours.map((call) => [call.input['abandon'], call.errorType ?? 'ok'])).toEqual([
      [false, 'DuplicatedStopRequestException'],
      [true, 'ok'],
    ]);
    expect(harness.sim.executions('already-stopping')[0]?.status).toBe('Stopped');
    expect(result.outputs['status']).toBe('Stopped');
    expect(result.exitCode).toBe(1);
  });

  it('does not escalate to abandon when only the answer to its own stop was lost', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'lost-stop' });
    await running.waitForOutput(/▶ Build › Build started/);
    harness.sim.setFaults({ operations: ['StopPipelineExecution'], dropRate: 1, dropPhase: 'after', maxFaults: 1 });

    // Act
    const cancelledAt = Date.now();
    running.kill('SIGINT');
    const result = await running.result;

    // Assess
    harness.sim.setFaults({});
    const stops = harness.callsFor('StopPipelineExecution', 'lost-stop');
    expect(stops.map((call) => [call.input['abandon'], call.fault ?? call.errorType ?? 'ok'])).toEqual([
      [false, 'drop-after-handling'],
      [false, 'DuplicatedStopRequestException'],
    ]);
    expect(stops.at(-1)?.at.getTime() ?? Infinity).toBeLessThan(cancelledAt + STOP_WINDOW_MS);
    expect(harness.sim.executions('lost-stop')[0]?.stop?.abandon).toBe(false);
    expect(result.outputs['status']).toBe('Stopping');
  });

  it('lets the post step stop the execution after a hard kill', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'by-post' });
    await running.waitForOutput(/▶ Build › Build started/);
    running.kill('SIGKILL');
    const killed = await running.result;

    // Act
    const post = await harness.post(killed.state);

    // Assess
    const stops = harness.callsFor('StopPipelineExecution', 'by-post');
    expect(killed.state['execution-id']).toBe(harness.sim.executions('by-post')[0]?.id);
    expect(post.exitCode).toBe(0);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.input['pipelineExecutionId']).toBe(killed.state['execution-id']);
    expect(String(stops[0]?.input['reason'])).toContain('actions/runs/4242');
    expect(['Stopping', 'Stopped']).toContain(harness.sim.executions('by-post')[0]?.status);
  });

  it('never stops an execution it did not start', async () => {
    // Prepare
    const started = await harness.run({ 'pipeline-name': 'not-ours', wait: 'false' });
    const running = await harness.start({ 'pipeline-name': 'not-ours', 'execution-id': started.outputs['execution-id'] ?? '' });
    await running.waitForOutput(/▶ Build › Build started/);

    // Act
    running.kill('SIGINT');
    const result = await running.result;
    const post = await harness.post(result.state);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.properties['title']).toBe('Workflow cancelled: pipeline left running');
    expect(post.exitCode).toBe(0);
    expect(harness.callsFor('StopPipelineExecution', 'not-ours')).toHaveLength(0);
    expect(harness.sim.executions('not-ours')[0]?.status).toBe('InProgress');
  });

  it.each([
    [{ 'on-cancel': 'none' }, 0],
    [{ 'stop-on-cancel': 'false' }, 1],
  ])('leaves the execution running on cancel with %j (the deprecated input warns)', async (onCancel, warnings) => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'keep-running', ...onCancel });
    await running.waitForOutput(/▶ Build › Build started/);
    const stopsBefore = harness.callsFor('StopPipelineExecution', 'keep-running').length;

    // Act
    running.kill('SIGINT');
    const result = await running.result;
    const post = await harness.post(result.state);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.commands.filter((command) => command.command === 'warning' && command.message.includes("'stop-on-cancel' is deprecated"))).toHaveLength(warnings);
    expect(post.exitCode).toBe(0);
    expect(harness.callsFor('StopPipelineExecution', 'keep-running')).toHaveLength(stopsBefore);
    expect(harness.sim.executions('keep-running').every((execution) => execution.status === 'InProgress')).toBe(true);
  });

  it('does nothing in the post step after a normal end', async () => {
    // Prepare
    const finished = await harness.run({ 'pipeline-name': 'after-end', 'timeout-minutes': '0.02' });
    const callsBefore = harness.sim.calls.length;

    // Act
    const post = await harness.post(finished.state);

    // Assess
    expect(finished.state['finished']).toBe('true');
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain('needs nothing more');
    expect(harness.sim.calls.length).toBe(callsBefore);
    expect(harness.sim.executions('after-end')[0]?.status).toBe('InProgress');
  });
});
