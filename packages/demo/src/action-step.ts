import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runStep, startStep, type StepRunResult } from '@greenlight/testkit';

// The runner's cancellation: SIGINT, SIGTERM 7.5 s later, then the process tree is killed 2.5 s after that.
const CANCEL_ESCALATION_MS = { sigterm: 7_500, kill: 2_500 } as const;

interface ActionStepOptions {
  /** The action's dist/index.js; its post step is dist/post.js beside it. */
  readonly entry: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly workDir: string;
  readonly onLine: (line: string) => void;
}

interface ActionStep {
  /** Cancels the workflow run as the runner does, then runs the post step (post-if: cancelled()). */
  cancel(): void;
  /** The main step's result, and the post step's when it ran. */
  readonly done: Promise<{ readonly main: StepRunResult; readonly post?: StepRunResult }>;
}

/** Runs the action's main step (and, on cancellation, its post step) exactly as the GitHub runner would. */
const startActionStep = async (options: ActionStepOptions): Promise<ActionStep> => {
  const running = await startStep({
    entry: options.entry,
    inputs: options.inputs,
    env: options.env,
    workDir: options.workDir,
    onLine: (line) => options.onLine(line),
  });
  let cancelled = false;
  const timers: NodeJS.Timeout[] = [];
  const done = running.result.then(async (main) => {
    for (const timer of timers) clearTimeout(timer);
    const postEntry = path.join(path.dirname(options.entry), 'post.js');
    if (!cancelled || !existsSync(postEntry)) return { main };
    options.onLine('(post step: the runner runs it because the job was cancelled)');
    // Each step gets fresh GITHUB_OUTPUT/STATE/STEP_SUMMARY files, as on the runner.
    const postDir = path.join(options.workDir, 'post');
    await mkdir(postDir, { recursive: true });
    const post = await runStep({
      entry: postEntry,
      inputs: options.inputs,
      env: options.env,
      state: main.state,
      workDir: postDir,
      onLine: (line) => options.onLine(line),
    });
    return { main, post };
  });
  return {
    cancel: () => {
      cancelled = true;
      running.kill('SIGINT');
      timers.push(
        setTimeout(() => running.kill('SIGTERM'), CANCEL_ESCALATION_MS.sigterm),
        setTimeout(() => running.kill('SIGKILL'), CANCEL_ESCALATION_MS.sigterm + CANCEL_ESCALATION_MS.kill),
      );
    },
    done,
  };
};

export { startActionStep };
export type { ActionStep, ActionStepOptions };
