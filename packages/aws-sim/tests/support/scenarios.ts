import { greenlightPipelineScenario, type GreenlightPipelineOptions, type PipelineScenario } from '../../src/index.js';

/** The names these tests (and the CLI example) give the stack, where the modules would derive them from `name`. */
const APP_STACK = {
  repository: 'octo/app',
  variables: [{ name: 'IMAGE_TAG', defaultValue: 'latest' }],
  buildProjectName: 'app-build',
  applicationName: 'app',
  deploymentGroupName: 'app-dg',
} as const satisfies Omit<GreenlightPipelineOptions, 'name'>;

/** The stack greenlight deploys, with the names and modes these tests were written against. */
const blueGreenPipeline = (name: string, changes: Partial<Omit<PipelineScenario, 'name' | 'stages'>> = {}): PipelineScenario => {
  const { executionMode = 'SUPERSEDED', variables = APP_STACK.variables, ...overrides } = changes;
  return greenlightPipelineScenario({
    ...APP_STACK,
    name,
    connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/abc',
    executionMode,
    variables,
    durations: { Source: 5, Build: 20, Deploy: 40 },
    buildLogLines: ['npm ci', 'npm test', 'docker build .', 'docker push'],
    overrides,
  });
};

export { APP_STACK, blueGreenPipeline };
