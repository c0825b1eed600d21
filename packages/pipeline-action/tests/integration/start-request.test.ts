import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appPipeline, SHA, startHarness, type Harness } from '../support/harness.js';

const startInput = (harness: Harness, pipelineName: string): Readonly<Record<string, unknown>> => {
  const calls = harness.callsFor('StartPipelineExecution', pipelineName);
  expect(calls).toHaveLength(1);
  return calls[0]?.input ?? {};
};

describe('starting the execution', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(
      ['pinned', 'unpinned', 'other-repo', 'with-variables', 'with-revisions', 'token'].map((name) =>
        name === 'other-repo'
          ? appPipeline(name, { repository: 'octo/other' })
          : appPipeline(name),
      ),
    );
  });
  afterAll(async () => harness.stop());

  it('pins the source action reading this repository to the workflow commit', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'pinned', wait: 'false' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(startInput(harness, 'pinned')['sourceRevisions']).toEqual([
      { actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: SHA },
    ]);
    expect(result.stdout).toContain(`Pinning source action 'Source' to commit ${SHA}.`);
  });

  it('does not pin the commit when pin-commit is false', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'unpinned', wait: 'false', 'pin-commit': 'false' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(startInput(harness, 'unpinned')['sourceRevisions']).toBeUndefined();
  });

  it('does not pin a source action that reads another repository', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'other-repo', wait: 'false' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(startInput(harness, 'other-repo')['sourceRevisions']).toBeUndefined();
    expect(result.stdout).toContain('no CodeStarSourceConnection source action reads octo/app');
  });

  it('passes variables and explicit source revisions, which replace the pinned commit', async () => {
    // Act
    const withVariables = await harness.run({
      'pipeline-name': 'with-variables',
      wait: 'false',
      variables: 'IMAGE_TAG=v1.2.3\n\n# comments are skipped\n',
    });
    const withRevisions = await harness.run({
      'pipeline-name': 'with-revisions',
      wait: 'false',
      'source-revisions': 'Source=COMMIT_ID:0123456789abcdef0123456789abcdef01234567',
    });

    // Assess
    expect(withVariables.exitCode).toBe(0);
    expect(startInput(harness, 'with-variables')['variables']).toEqual([{ name: 'IMAGE_TAG', value: 'v1.2.3' }]);
    expect(harness.sim.executions('with-variables')[0]?.variables).toEqual({ IMAGE_TAG: 'v1.2.3' });
    expect(withRevisions.exitCode).toBe(0);
    expect(startInput(harness, 'with-revisions')['sourceRevisions']).toEqual([
      { actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: '0123456789abcdef0123456789abcdef01234567' },
    ]);
  });

  it('starts one execution per job attempt, however often the step runs', async () => {
    // Act
    const first = await harness.run({ 'pipeline-name': 'token', wait: 'false' });
    const again = await harness.run({ 'pipeline-name': 'token', wait: 'false' });
    const nextAttempt = await harness.run({ 'pipeline-name': 'token', wait: 'false' }, { GITHUB_RUN_ATTEMPT: '2' });

    // Assess
    const tokens = harness.callsFor('StartPipelineExecution', 'token').map((call) => String(call.input['clientRequestToken']));
    expect(tokens[0]).toMatch(/^gh-4242-1-deploy-token-[0-9a-f]{16}$/);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).toMatch(/^gh-4242-2-deploy-token-/);
    expect(again.outputs['execution-id']).toBe(first.outputs['execution-id']);
    expect(nextAttempt.outputs['execution-id']).not.toBe(first.outputs['execution-id']);
    expect(harness.sim.executions('token')).toHaveLength(2);
  });
});

describe('input validation', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness([appPipeline('app')]);
  });
  afterAll(async () => harness.stop());

  const badInputs: ReadonlyArray<readonly [string, Record<string, string>, string]> = [
    ['missing pipeline-name', {}, "Input 'pipeline-name' is required"],
    ['malformed pipeline-name', { 'pipeline-name': 'my pipeline' }, "Input 'pipeline-name' must be 1-100 characters"],
    ['bad region', { 'pipeline-name': 'app', region: 'Frankfurt' }, "Input 'region' must be an AWS region"],
    ['bad wait', { 'pipeline-name': 'app', wait: 'yes' }, "Input 'wait' must be true or false, got 'yes'"],
    ['zero timeout', { 'pipeline-name': 'app', 'timeout-minutes': '0' }, "Input 'timeout-minutes' must be a positive number"],
    ['text timeout', { 'pipeline-name': 'app', 'timeout-minutes': 'soon' }, "Input 'timeout-minutes' must be a positive number"],
    ['variable without =', { 'pipeline-name': 'app', variables: 'IMAGE_TAG' }, "Input 'variables' line 1 must look like NAME=VALUE"],
    ['bad variable name', { 'pipeline-name': 'app', variables: 'IMAGE TAG=1' }, "Input 'variables' line 1: the name 'IMAGE TAG'"],
    ['empty variable value', { 'pipeline-name': 'app', variables: 'IMAGE_TAG=' }, "Input 'variables' line 1: the value of 'IMAGE_TAG'"],
    ['repeated variable', { 'pipeline-name': 'app', variables: 'A=1\nA=2' }, "Input 'variables' line 2 repeats 'A'"],
    ['unknown revision type', { 'pipeline-name': 'app', 'source-revisions': 'Source=COMMIT:abc' }, "the revision type 'COMMIT' must be one of COMMIT_ID"],
    ['bad pin-commit', { 'pipeline-name': 'app', 'pin-commit': 'maybe' }, "Input 'pin-commit' must be true or false"],
    ['bad execution-id', { 'pipeline-name': 'app', 'execution-id': 'latest' }, "Input 'execution-id' must be a pipeline execution ID"],
    [
      'execution-id with variables',
      { 'pipeline-name': 'app', 'execution-id': '0123abcd-0123-4567-89ab-0123456789ab', variables: 'A=1' },
      "cannot be combined with 'variables'",
    ],
    ['bad stop-on-cancel', { 'pipeline-name': 'app', 'stop-on-cancel': '1' }, "Input 'stop-on-cancel' must be true or false"],
    ['bad client-request-token', { 'pipeline-name': 'app', 'client-request-token': 'a_b' }, "Input 'client-request-token' must be 1-128"],
    ['environment without token', { 'pipeline-name': 'app', environment: 'production' }, "Input 'github-token' is required"],
    ['bad environment-url', { 'pipeline-name': 'app', 'github-token': 't', environment: 'production', 'environment-url': 'example.com' }, "Input 'environment-url' must be an http(s) URL"],
  ];

  it.each(badInputs)('rejects %s before any AWS call', async (_case, inputs, expected) => {
    // Prepare
    const callsBefore = harness.sim.calls.length;

    // Act
    const result = await harness.run(inputs);

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(expected);
    expect(result.errors[0]?.message).toContain('Nothing was started.');
    expect(result.outputs['failure-message']).toBe(result.errors[0]?.message);
    expect(harness.sim.calls.length).toBe(callsBefore);
  });

  it('requires a region when neither the input nor AWS_REGION gives one', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'app' }, { AWS_REGION: '', AWS_DEFAULT_REGION: '' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]?.message).toContain("Input 'region' is required when neither AWS_REGION nor AWS_DEFAULT_REGION is set");
    expect(harness.sim.callsTo('StartPipelineExecution')).toHaveLength(0);
  });
});

describe('AWS refusals', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness([appPipeline('app')]);
  });
  afterAll(async () => harness.stop());

  it('names the pipeline and region when the pipeline does not exist', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'missing' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Pipeline not found');
    expect(result.errors[0]?.message).toContain("no pipeline named 'missing' in us-east-1");
    expect(result.outputs['failure-message']).toBe(result.errors[0]?.message);
  });

  it('says the execution-id does not belong to the pipeline when it is unknown', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'app', 'execution-id': '0123abcd-0123-4567-89ab-0123456789ab' });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('Pipeline execution not found');
    expect(result.errors[0]?.message).toContain("Check the 'execution-id' input");
    expect(harness.sim.callsTo('StartPipelineExecution')).toHaveLength(0);
  });

  it('names the missing permission when StartPipelineExecution is denied', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['codepipeline:StartPipelineExecution'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'app' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('AWS permission missing');
    expect(result.errors[0]?.message).toContain("Add 'codepipeline:StartPipelineExecution' to the role");
    expect(harness.sim.executions('app')).toHaveLength(0);
  });

  it('names ListActionExecutions when the role may start but not follow', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['codepipeline:ListActionExecutions'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'app' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain("Add 'codepipeline:ListActionExecutions' to the role");
    expect(result.outputs['execution-id']).toBe(harness.sim.executions('app').at(-1)?.id);
  });

  it('explains expired credentials and names role-duration-seconds', async () => {
    // Prepare
    harness.sim.setFaults({ expiredCredentials: true });

    // Act
    const result = await harness.run({ 'pipeline-name': 'app' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.properties['title']).toBe('AWS credentials expired');
    expect(result.errors[0]?.message).toContain('last 1 hour by default');
    expect(result.errors[0]?.message).toContain("'role-duration-seconds'");
  });
});
