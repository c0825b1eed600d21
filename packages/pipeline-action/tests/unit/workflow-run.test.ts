import { describe, expect, it } from '@jest/globals';
import { deriveClientRequestToken, readWorkflowRun, runUrl, stopReason } from '../../src/workflow-run.js';

const ENV = {
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_RUN_ID: '987654321',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_JOB: 'deploy_prod',
  GITHUB_SERVER_URL: 'https://github.com',
};

describe('deriveClientRequestToken', () => {
  it('derives a readable token in the API charset from the run, attempt, job and pipeline', () => {
    // Act
    const token = deriveClientRequestToken(readWorkflowRun(ENV), 'app.pipeline@eu');

    // Assess
    expect(token).toMatch(/^gh-987654321-2-deploy-prod-app-pipeline-eu-[0-9a-f]{16}$/);
    expect(token).toMatch(/^[a-zA-Z0-9-]{1,128}$/);
  });

  it('gives each attempt, job and pipeline its own token, and the same inputs the same token', () => {
    // Act
    const base = deriveClientRequestToken(readWorkflowRun(ENV), 'app');
    const tokens = [
      deriveClientRequestToken(readWorkflowRun(ENV), 'app'),
      deriveClientRequestToken(readWorkflowRun({ ...ENV, GITHUB_RUN_ATTEMPT: '3' }), 'app'),
      deriveClientRequestToken(readWorkflowRun({ ...ENV, GITHUB_JOB: 'deploy.prod' }), 'app'),
      deriveClientRequestToken(readWorkflowRun(ENV), 'app2'),
    ];

    // Assess
    expect(tokens[0]).toBe(base);
    expect(new Set(tokens).size).toBe(4);
  });

  it('stays within 128 characters for very long job and pipeline names', () => {
    // Act
    const token = deriveClientRequestToken(readWorkflowRun({ ...ENV, GITHUB_JOB: 'j'.repeat(200) }), 'p'.repeat(100)) ?? '';

    // Assess
    expect(token.length).toBeLessThanOrEqual(128);
    expect(token).toMatch(/-[0-9a-f]{16}$/);
  });

  it('leaves the token to the SDK outside GitHub Actions', () => {
    // Act
    const token = deriveClientRequestToken(readWorkflowRun({}), 'app');

    // Assess
    expect(token).toBeUndefined();
  });
});

describe('stopReason', () => {
  it('names the workflow run and fits the 200-character limit', () => {
    // Act
    const reason = stopReason(readWorkflowRun(ENV), 'Workflow run cancelled');
    const long = stopReason(readWorkflowRun({ ...ENV, GITHUB_REPOSITORY: `octo/${'x'.repeat(250)}` }), 'Workflow run cancelled');

    // Assess
    expect(reason).toBe('Workflow run cancelled by https://github.com/octo/app/actions/runs/987654321/attempts/2');
    expect(long.length).toBe(200);
    expect(runUrl(readWorkflowRun({}))).toBeUndefined();
  });
});
