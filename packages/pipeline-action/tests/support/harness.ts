import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  greenlightPipelineScenario,
  startSimulator,
  type CallRecord,
  type FaultSpec,
  type GreenlightPipelineOptions,
  type PipelineScenario,
  type Simulator,
} from '@greenlight/aws-sim';
import { runStep, startStep, type StepRunResult, type RunningStep } from '@greenlight/testkit';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainEntry = path.join(packageDir, 'dist', 'index.js');
const postEntry = path.join(packageDir, 'dist', 'post.js');

const REPOSITORY = 'octo/app';
const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** The GITHUB_* variables the runner sets for a job. */
const githubEnv = (overrides: Readonly<Record<string, string>> = {}): Record<string, string> => ({
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_SHA: SHA,
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'deploy',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKFLOW: 'Deploy',
  ...overrides,
});

/** What a test may change of the stack's pipeline (everything but its name). */
type AppPipelineOptions = Partial<Omit<GreenlightPipelineOptions, 'name'>>;

/**
 * The pipeline of the Terraform stack (GitHub source, CodeBuild, CodeDeploy blue/green), with the names these
 * tests assert on. Durations are simulated seconds; tests play them at timeScale 0.01 (a 60 s run takes 0.6 s).
 */
const appPipeline = (name: string, options: AppPipelineOptions = {}): PipelineScenario =>
  greenlightPipelineScenario({
    name,
    repository: REPOSITORY,
    connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/x',
    variables: [{ name: 'IMAGE_TAG', defaultValue: 'latest' }],
    buildProjectName: 'app-build',
    applicationName: 'app',
    deploymentGroupName: 'app-dg',
    durations: { Source: 5, Build: 30, Deploy: 25 },
    buildLogLines: ['npm ci', 'npm test', 'FAIL src/x.test.ts', 'Tests: 1 failed, 41 passed'],
    ...options,
  });

/** The Build action fails as CodeBuild reports it. */
const BUILD_FAILS: AppPipelineOptions = {
  actions: { Build: { outcome: 'Failed', errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAILED' } } },
};

interface Harness {
  readonly sim: Simulator;
  run(inputs: Readonly<Record<string, string>>, env?: Readonly<Record<string, string>>): Promise<StepRunResult>;
  start(inputs: Readonly<Record<string, string>>, env?: Readonly<Record<string, string>>): Promise<RunningStep>;
  post(state: Readonly<Record<string, string>>): Promise<StepRunResult>;
  stop(): Promise<void>;
  /** Calls to one operation whose input names this pipeline (`name` or `pipelineName`). */
  callsFor(operation: string, pipelineName: string): CallRecord[];
}

interface HarnessOptions {
  readonly timeScale?: number;
  readonly faults?: FaultSpec;
  readonly seed?: number;
}

const KILL_AFTER_MS = 60_000;

const startHarness = async (pipelines: readonly PipelineScenario[], options: HarnessOptions = {}): Promise<Harness> => {
  const sim = await startSimulator({ seed: options.seed ?? 1, timeScale: options.timeScale ?? 0.01, faults: options.faults ?? {} });
  for (const pipeline of pipelines) sim.addPipeline(pipeline);
  const env = (extra: Readonly<Record<string, string>> = {}): Record<string, string> => ({ ...sim.env, ...githubEnv(), ...extra });
  return {
    sim,
    run: (inputs, extra) => runStep({ entry: mainEntry, inputs, env: env(extra), killAfterMs: KILL_AFTER_MS }),
    start: (inputs, extra) => startStep({ entry: mainEntry, inputs, env: env(extra), killAfterMs: KILL_AFTER_MS }),
    post: (state) => runStep({ entry: postEntry, state, env: env(), killAfterMs: KILL_AFTER_MS }),
    stop: () => sim.stop(),
    callsFor: (operation, pipelineName) =>
      sim.callsTo(operation).filter((call) => (call.input['name'] ?? call.input['pipelineName']) === pipelineName),
  };
};

export { appPipeline, BUILD_FAILS, githubEnv, mainEntry, packageDir, postEntry, REPOSITORY, SHA, startHarness };
export type { Harness };
