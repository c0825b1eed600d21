import type { PipelineScenario } from '../../src/index.js';

/** The stack greenlight deploys: Source (GitHub via CodeStar connection), Build (CodeBuild), Deploy (CodeDeployToECS). */
const blueGreenPipeline = (name: string, changes: Partial<PipelineScenario> = {}): PipelineScenario => ({
  name,
  pipelineType: 'V2',
  executionMode: 'SUPERSEDED',
  variables: [{ name: 'IMAGE_TAG', defaultValue: 'latest' }],
  stages: [
    {
      name: 'Source',
      actions: [
        {
          name: 'Source',
          category: 'Source',
          provider: 'CodeStarSourceConnection',
          configuration: {
            ConnectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/abc',
            FullRepositoryId: 'octo/app',
            BranchName: 'main',
          },
          outputArtifacts: ['SourceArtifact'],
          durationSeconds: 5,
        },
      ],
    },
    {
      name: 'Build',
      actions: [
        {
          name: 'Build',
          category: 'Build',
          provider: 'CodeBuild',
          configuration: { ProjectName: 'app-build' },
          inputArtifacts: ['SourceArtifact'],
          outputArtifacts: ['BuildArtifact'],
          durationSeconds: 20,
          build: { logLines: ['npm ci', 'npm test', 'docker build .', 'docker push'] },
        },
      ],
    },
    {
      name: 'Deploy',
      actions: [
        {
          name: 'Deploy',
          category: 'Deploy',
          provider: 'CodeDeployToECS',
          configuration: { ApplicationName: 'app', DeploymentGroupName: 'app-dg' },
          inputArtifacts: ['BuildArtifact'],
          durationSeconds: 40,
        },
      ],
    },
  ],
  ...changes,
});

export { blueGreenPipeline };
