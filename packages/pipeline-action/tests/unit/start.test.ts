import type { PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from '@jest/globals';
import { parseInputs } from '../../src/inputs.js';
import { planSourceRevisions } from '../../src/start.js';
import { readWorkflowRun } from '../../src/workflow-run.js';

const PIPELINE: PipelineDeclaration = {
  name: 'app',
  roleArn: 'arn:aws:iam::111111111111:role/pipeline',
  stages: [
    {
      name: 'Source',
      actions: [
        { name: 'App', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' }, configuration: { FullRepositoryId: 'Octo/App' } },
        { name: 'Infra', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' }, configuration: { FullRepositoryId: 'octo/infra' } },
        { name: 'Image', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'ECR', version: '1' }, configuration: { RepositoryName: 'app' } },
      ],
    },
  ],
};
const run = readWorkflowRun({ GITHUB_REPOSITORY: 'octo/app', GITHUB_SHA: 'abc123' });
const inputs = (extra: Record<string, string> = {}) =>
  parseInputs((name) => ({ 'pipeline-name': 'app', region: 'eu-west-1', ...extra })[name] ?? '', {});

describe('planSourceRevisions', () => {
  it('pins only the GitHub source action reading this repository (names compared case-insensitively)', () => {
    // Act
    const plan = planSourceRevisions(inputs(), PIPELINE, run);

    // Assess
    expect(plan.sourceRevisions).toEqual([{ actionName: 'App', revisionType: 'COMMIT_ID', revisionValue: 'abc123' }]);
    expect(plan.notes).toEqual(["Pinning source action 'App' to commit abc123."]);
  });

  it('lets explicit source revisions win over pinning', () => {
    // Act
    const plan = planSourceRevisions(inputs({ 'source-revisions': 'Image=IMAGE_DIGEST:sha256:ab' }), PIPELINE, run);

    // Assess
    expect(plan.sourceRevisions).toEqual([{ actionName: 'Image', revisionType: 'IMAGE_DIGEST', revisionValue: 'sha256:ab' }]);
  });

  it('pins nothing outside GitHub Actions or with pin-commit off', () => {
    // Act
    const plans = [planSourceRevisions(inputs(), PIPELINE, readWorkflowRun({})), planSourceRevisions(inputs({ 'pin-commit': 'false' }), PIPELINE, run)];

    // Assess
    expect(plans.map((plan) => plan.sourceRevisions)).toEqual([[], []]);
  });
});
