import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StepRunResult } from '@greenlight/testkit';
import { runnerInputs } from './action-inputs.js';
import { startActionStep } from './action-step.js';
import type { RehearsalDrive } from './rehearsal-drive.js';
import type { RehearsalPrinter } from './rehearsal-printer.js';
import type { RehearsalSettings } from './rehearsal-settings.js';
import type { RehearsalStack } from './rehearsal-setup.js';
import { demoStack } from './stack.js';

// The cancel scenario cancels this far into the first traffic hold.
const CANCEL_INTO_HOLD = 0.4;

interface StepRun {
  readonly main: StepRunResult;
  readonly post?: StepRunResult;
  /** When the action's step (and its post step, after a cancel) exited. */
  readonly actionEndedAt: number;
  readonly summaryPath: string;
}

/** What the GitHub runner sets for a push to the stack's branch, the commit derived from the seed. */
const runnerEnv = (settings: RehearsalSettings, simEnv: Readonly<Record<string, string>>, workDir: string): Record<string, string> => ({
  ...simEnv,
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_REPOSITORY: demoStack.repository,
  GITHUB_SHA: createHash('sha1').update(`greenlight-demo-${settings.seed}`).digest('hex'),
  GITHUB_REF: `refs/heads/${demoStack.branch}`,
  GITHUB_RUN_ID: String(9_000_000_000 + settings.seed),
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'deploy',
  GITHUB_WORKFLOW: 'deploy',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  RUNNER_OS: 'Linux',
  RUNNER_TEMP: workDir,
  GITHUB_WORKSPACE: workDir,
});

/**
 * Runs the deploy workflow's step: the action's bundle as the GitHub runner runs it, cancelled (SIGINT) partway
 * into the first traffic hold when the scenario says so.
 */
const runWorkflowStep = async (
  settings: RehearsalSettings,
  stack: RehearsalStack,
  drive: RehearsalDrive,
  printer: RehearsalPrinter,
): Promise<StepRun> => {
  const { scenario } = settings;
  printer.section('2 · The workflow step: the action\'s dist/index.js, run as the GitHub runner runs it');
  const workDir = await mkdtemp(path.join(tmpdir(), 'greenlight-demo-'));
  const step = await startActionStep({
    entry: settings.actionEntry,
    inputs: await runnerInputs(settings.actionManifest, {
      'pipeline-name': demoStack.pipelineName,
      'timeout-minutes': '30',
      ...(scenario.onCancel === undefined ? {} : { 'on-cancel': scenario.onCancel }),
    }),
    env: runnerEnv(settings, stack.sim.env, workDir),
    workDir,
    onLine: (line) => printer.line(`  action │ ${line}`),
  });
  if (scenario.cancelDuringShift) {
    drive.onceHeld((holdMinutes) => {
      setTimeout(() => {
        printer.line('  runner ▸ the workflow run is cancelled: SIGINT to the action (SIGTERM 7.5 s later, then kill)');
        step.cancel();
      }, settings.clock.realMs(holdMinutes * 60 * CANCEL_INTO_HOLD));
    });
  }
  const { main, post } = await step.done;
  const actionEndedAt = Date.now();
  printer.line(`  runner ▸ the action exited with code ${main.exitCode ?? `none (signal ${main.signal})`}`);
  return { main, ...(post === undefined ? {} : { post }), actionEndedAt, summaryPath: path.join(workDir, 'summary.md') };
};

export { runWorkflowStep };
export type { StepRun };
