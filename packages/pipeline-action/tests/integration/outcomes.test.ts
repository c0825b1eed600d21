import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PipelineScenario } from '@greenlight/aws-sim';
import { appPipeline, BUILD_FAILS, startHarness, type Harness } from '../support/harness.js';

// Seven single-action stages, so with one action per page the failing one comes several pages in.
const longPipeline = (name: string): PipelineScenario => ({
  name,
  listPageSize: 1,
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source', provider: 'S3', durationSeconds: 2 }] },
    ...['One', 'Two', 'Three', 'Four', 'Five'].map((stage) => ({
      name: stage,
      actions: [{ name: `Step${stage}`, category: 'Invoke', provider: 'Lambda', durationSeconds: 2 }],
    })),
    {
      name: 'Verify',
      actions: [
        {
          name: 'Smoke',
          category: 'Test',
          provider: 'Lambda',
          durationSeconds: 2,
          outcome: 'Failed' as const,
          errorDetails: { code: 'JobFailed', message: 'smoke test returned 503' },
        },
      ],
    },
  ],
});

describe('following an execution to its end', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness([
      appPipeline('succeeds'),
      appPipeline('fails', BUILD_FAILS),
      appPipeline('superseded', { executionMode: 'SUPERSEDED', overrides: { ending: { status: 'Superseded', beforeStage: 'Deploy' } } }),
      appPipeline('stopped', { overrides: { ending: { status: 'Stopped', beforeStage: 'Deploy', reason: 'Stopped by the on-call engineer' } } }),
      appPipeline('cancelled', { overrides: { ending: { status: 'Cancelled', beforeStage: 'Build' } } }),
      appPipeline('slow', { actions: { Source: { durationSeconds: 3600 } } }),
      appPipeline('nowait'),
      appPipeline('existing'),
      longPipeline('paged'),
      appPipeline('learned', { overrides: { history: [1, 2, 3].map((index) => ({ status: 'Succeeded' as const, endedSecondsAgo: index * 3600 })) } }),
    ]);
  });
  afterAll(async () => harness.stop());

  it('passes with every output when the execution succeeds', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'succeeds' });

    // Assess
    const [execution] = harness.sim.executions('succeeds');
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(harness.sim.executions('succeeds')).toHaveLength(1);
    expect(execution?.status).toBe('Succeeded');
    expect(result.outputs).toMatchObject({
      'execution-id': execution?.id,
      status: 'Succeeded',
      'failed-stage': '',
      'failed-action': '',
      'failure-message': '',
    });
    // 60 scenario seconds played 100 times faster really take 0.6 s (plus timer slack), and the service's
    // wall-clock timestamps say so: the output is the execution's real span.
    const spanSeconds = ((execution?.endTime?.getTime() ?? 0) - (execution?.startTime.getTime() ?? 0)) / 1000;
    expect(Math.abs(Number(result.outputs['duration-seconds']) - spanSeconds)).toBeLessThanOrEqual(1);
    expect(Number(result.outputs['duration-seconds'])).toBeLessThan(60);
    expect(result.outputs['execution-url']).toBe(
      `https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/succeeds/executions/${execution?.id}/timeline?region=us-east-1`,
    );
    expect(result.outputs['deployment-id']).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(result.state['execution-id']).toBe(execution?.id);
    expect(result.state['finished']).toBe('true');
  });

  it('prints each action start and end once, grouped per stage', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'succeeds' });

    // Assess
    const lines = result.stdout.split('\n');
    for (const action of ['Source › Source', 'Build › Build', 'Deploy › Deploy']) {
      expect(lines.filter((line) => line.includes(`▶ ${action} started`))).toHaveLength(1);
      expect(lines.filter((line) => line.includes(`✔ ${action} Succeeded`))).toHaveLength(1);
    }
    expect(lines.filter((line) => line.startsWith('::group::Stage '))).toEqual([
      '::group::Stage Source',
      '::group::Stage Build',
      '::group::Stage Deploy',
    ]);
    expect(result.stdout).toMatch(/✔ Build › Build Succeeded in \d+ s — https:\/\/console\.aws\.amazon\.com\/codesuite\/codebuild\//);
  });

  it('writes a job summary with the outcome, every action and a mermaid timeline', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'succeeds' });

    // Assess
    expect(result.summary).toContain('## Pipeline `succeeds` ✅ succeeded');
    expect(result.summary).toMatch(/\| Build \| Build \| ✅ Succeeded \| \d\d:\d\d:\d\d \| \d+ s \| \[app-build:/);
    expect(result.summary).toMatch(/\| Deploy \| Deploy \| ✅ Succeeded \| .* \| \d+ s \| \[d-/);
    expect(result.summary).toContain('```mermaid\ngantt');
    expect(result.summary).toMatch(/ {2}✅ Build :done, a1, \d+, \d+/);
  });

  it('fails naming the failed stage and action, with the error and the last build log lines', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'fails' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Pipeline failed at Build › Build');
    expect(result.errors[0]?.message).toContain('failed in stage Build, action Build: Build terminated with state: FAILED');
    expect(result.outputs).toMatchObject({ status: 'Failed', 'failed-stage': 'Build', 'failed-action': 'Build' });
    expect(result.outputs['failure-message']).toContain('Build terminated with state: FAILED');
    expect(result.stdout).toMatch(/\d\d:\d\d:\d\d ✖ Build › Build Failed in \d+ s: Build terminated with state: FAILED — https:/);
    expect(result.stdout).toContain('FAIL src/x.test.ts');
    expect(result.summary).toContain('### Failure');
    expect(result.summary).toContain('Tests: 1 failed, 41 passed');
    expect(result.summary).toMatch(/Build :crit, a1/);
  });

  it('fails naming the newer execution when superseded, and does not follow it', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'superseded' });

    // Assess
    const [ours, newer] = harness.sim.executions('superseded');
    expect(ours?.status).toBe('Superseded');
    expect(newer?.id).toBeDefined();
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('Superseded');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(`superseded by newer execution ${newer?.id}`);
    const followed = harness
      .callsFor('ListActionExecutions', 'superseded')
      .map((call) => (call.input['filter'] as { pipelineExecutionId?: string } | undefined)?.pipelineExecutionId)
      .filter((id) => id !== undefined);
    expect(new Set(followed)).toEqual(new Set([ours?.id]));
  });

  it('fails with the stop reason when the execution is stopped', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'stopped' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('Stopped');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Pipeline execution stopped');
  });

  it('fails explaining a cancelled execution (pipeline definition changed)', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'cancelled' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('Cancelled');
    expect(result.errors[0]?.message).toContain("because the pipeline's definition changed");
  });

  it('fails at the timeout and leaves the execution running', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'slow', 'timeout-minutes': '0.05' });

    // Assess
    const [execution] = harness.sim.executions('slow');
    expect(result.exitCode).toBe(1);
    expect(result.outputs['status']).toBe('InProgress');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Pipeline still running at timeout');
    expect(result.errors[0]?.message).toContain('left running');
    expect(execution?.status).toBe('InProgress');
    expect(harness.callsFor('StopPipelineExecution', 'slow')).toHaveLength(0);
  });

  it('passes as soon as the execution started with wait: false', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'nowait', wait: 'false' });

    // Assess
    const [execution] = harness.sim.executions('nowait');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ 'execution-id': execution?.id, status: 'InProgress' });
    expect(harness.callsFor('GetPipelineExecution', 'nowait')).toHaveLength(0);
    expect(harness.callsFor('ListActionExecutions', 'nowait')).toHaveLength(0);
  });

  it('follows an existing execution given by execution-id without starting another', async () => {
    // Prepare
    const started = await harness.run({ 'pipeline-name': 'existing', wait: 'false' });
    const executionId = started.outputs['execution-id'] ?? '';

    // Act
    const result = await harness.run({ 'pipeline-name': 'existing', 'execution-id': executionId });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ 'execution-id': executionId, status: 'Succeeded' });
    expect(result.state['started-by-us']).toBe('false');
    expect(harness.callsFor('StartPipelineExecution', 'existing')).toHaveLength(1);
    expect(harness.sim.executions('existing')).toHaveLength(1);
  });

  it('aims its polls at the ends that the durations learned from history predict', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'learned' });

    // Assess: without the predictions the idle backoff would poll more often, or wait up to 30 s per poll.
    const [execution] = harness.sim.executions('learned');
    const polls = harness
      .callsFor('ListActionExecutions', 'learned')
      .filter((call) => (call.input['filter'] as { pipelineExecutionId?: string } | undefined)?.pipelineExecutionId === execution?.id);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('Succeeded');
    expect(polls.length).toBeLessThanOrEqual(4);
    expect(result.durationMs).toBeLessThan(20_000);
  });

  it('finds the failed action on a later page of ListActionExecutions', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'paged' });

    // Assess
    const pagedCalls = harness.callsFor('ListActionExecutions', 'paged').filter((call) => call.input['nextToken'] !== undefined);
    expect(pagedCalls.length).toBeGreaterThan(0);
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ 'failed-stage': 'Verify', 'failed-action': 'Smoke' });
    expect(result.outputs['failure-message']).toContain('smoke test returned 503');
    for (const stage of ['One', 'Two', 'Three', 'Four', 'Five']) {
      expect(result.summary).toMatch(new RegExp(`\\| ${stage} \\| Step${stage} \\| ✅ Succeeded`));
    }
  });
});
