import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { appPipeline, BUILD_FAILS, SHA, startHarness, type Harness } from '../support/harness.js';

describe('GitHub deployments', () => {
  let harness: Harness;
  let github: FakeGitHub;
  const deploymentInputs = {
    'github-token': 'ghs_faketoken',
    environment: 'production',
    'environment-url': 'https://app.example.com',
  };

  beforeAll(async () => {
    harness = await startHarness([appPipeline('deployed'), appPipeline('broken', BUILD_FAILS), appPipeline('refused'), appPipeline('plain'), appPipeline('unfollowable')]);
    github = await startFakeGitHub();
  });
  afterAll(async () => {
    await harness.stop();
    await github.stop();
  });

  it('creates a deployment for the commit and moves it from in_progress to success', async () => {
    // Prepare
    const first = github.requests.length;

    // Act
    const result = await harness.run({ 'pipeline-name': 'deployed', ...deploymentInputs }, { GITHUB_API_URL: github.apiUrl });

    // Assess
    const requests = github.requests.slice(first);
    expect(result.exitCode).toBe(0);
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /repos/octo/app/deployments',
      'POST /repos/octo/app/deployments/1/statuses',
      'POST /repos/octo/app/deployments/1/statuses',
    ]);
    expect(requests[0]?.authorization).toBe('token ghs_faketoken');
    expect(result.stdout.split('\n').filter((line) => line.includes('ghs_faketoken'))).toEqual(['::add-mask::ghs_faketoken']);
    expect(requests[0]?.body).toMatchObject({ ref: SHA, environment: 'production', auto_merge: false, required_contexts: [] });
    expect(requests[1]?.body).toMatchObject({
      state: 'in_progress',
      environment_url: 'https://app.example.com',
      log_url: result.outputs['execution-url'],
    });
    expect(requests[2]?.body).toMatchObject({ state: 'success', environment_url: 'https://app.example.com' });
  });

  it('marks the deployment failed when the execution fails', async () => {
    // Prepare
    const first = github.requests.length;

    // Act
    const result = await harness.run({ 'pipeline-name': 'broken', ...deploymentInputs }, { GITHUB_API_URL: github.apiUrl });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(github.requests.slice(first).map((request) => request.body['state'])).toEqual([undefined, 'in_progress', 'failure']);
  });

  it('marks the deployment errored, with a job summary, when the execution cannot be followed', async () => {
    // Prepare
    const first = github.requests.length;
    harness.sim.setFaults({ deny: ['codepipeline:ListActionExecutions'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'unfollowable', ...deploymentInputs }, { GITHUB_API_URL: github.apiUrl });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(1);
    expect(github.requests.slice(first).map((request) => request.body['state'])).toEqual([undefined, 'in_progress', 'error']);
    expect(result.summary).toContain('## Pipeline `unfollowable`: ❌ AWS permission missing');
    expect(result.summary).toContain("Add 'codepipeline:ListActionExecutions' to the role");
  });

  it('keeps the outcome and warns when GitHub refuses', async () => {
    // Prepare
    github.failWith(403);

    // Act
    const result = await harness.run({ 'pipeline-name': 'refused', ...deploymentInputs }, { GITHUB_API_URL: github.apiUrl });

    // Assess
    github.failWith(undefined);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('Succeeded');
    expect(result.commands.some((command) => command.command === 'warning' && command.message.includes('GitHub deployment not created'))).toBe(true);
  });

  it('talks to GitHub only when asked to', async () => {
    // Prepare
    const first = github.requests.length;

    // Act
    const result = await harness.run({ 'pipeline-name': 'plain' }, { GITHUB_API_URL: github.apiUrl });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(github.requests.length).toBe(first);
  });
});
