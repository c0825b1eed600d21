import { greenlightPipelineScenario, type PipelineScenario } from '../../src/index.js';

/** The stack greenlight deploys, with the names and modes these tests were written against. */
const blueGreenPipeline = (name: string, changes: Partial<Omit<PipelineScenario, 'name' | 'stages'>> = {}): PipelineScenario => {
  const { executionMode = 'SUPERSEDED', variables = [{ name: 'IMAGE_TAG', defaultValue: 'latest' }], ...overrides } = changes;
  return greenlightPipelineScenario({
    name,
    repository: 'octo/app',
    connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/abc',
    executionMode,
    variables,
    buildProjectName: 'app-build',
    applicationName: 'app',
    deploymentGroupName: 'app-dg',
    durations: { Source: 5, Build: 20, Deploy: 40 },
    buildLogLines: ['npm ci', 'npm test', 'docker build .', 'docker push'],
    overrides,
  });
};

export { blueGreenPipeline };
