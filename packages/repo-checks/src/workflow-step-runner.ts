import { spawn } from 'node:child_process';

import { WorkflowStepError } from './errors.js';
import type { WorkflowStep } from './workflow-model.js';

interface StepRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface StepRunOptions {
  /** The checkout the step runs in (the runner's GITHUB_WORKSPACE). */
  readonly cwd: string;
  /** The step's whole environment: the job's `env:` and the runner's variables, as the test sets them. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Runs a step's `run:` script as GitHub's Linux runners run a bash step (`bash --noprofile --norc -eo pipefail`),
 * for dry runs of a workflow's scripts. A script with `${{ }}` is refused: the runner would substitute it first,
 * so what runs here would not be what runs there.
 */
const runStep = async (step: WorkflowStep, options: StepRunOptions): Promise<StepRun> => {
  const script = step.definition['run'];
  if (typeof script !== 'string') throw new WorkflowStepError(step, "has no 'run:' script to execute");
  if (script.includes('${{')) throw new WorkflowStepError(step, 'interpolates ${{ }} into its script, which only a runner can evaluate');
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: options.cwd,
    env: { ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { exitCode, stdout, stderr };
};

export { runStep };
export type { StepRun, StepRunOptions };
