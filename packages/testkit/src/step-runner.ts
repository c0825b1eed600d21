import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StepExitedError } from './errors.js';
import { parseFileCommands } from './file-commands.js';
import { node24Path } from './node24.js';
import { effectiveValues, parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

interface StepRunOptions {
  /** The built entry point, e.g. `dist/index.js` or `dist/post.js`. */
  readonly entry: string;
  /** Inputs by their action.yml name; passed as `INPUT_<NAME uppercased>` with hyphens kept, as the runner does. */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Saved state from the main step, passed to a post step as `STATE_<name>`. */
  readonly state?: Readonly<Record<string, string>>;
  /** Extra environment (GITHUB_*, AWS_* ...). The parent's environment is not inherited beyond PATH and HOME. */
  readonly env?: Readonly<Record<string, string>>;
  /** Directory holding the GITHUB_OUTPUT/STATE/STEP_SUMMARY files; a fresh temporary one by default. */
  readonly workDir?: string;
  /** Kills the process with SIGKILL after this long, as a last resort against hung tests. */
  readonly killAfterMs?: number;
  /** Receives each complete line the action writes, as it is written (the runner's live log). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

interface StepRunResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The outputs the runner would set: `::set-output` lines, overridden by GITHUB_OUTPUT for the keys it sets. */
  readonly outputs: Record<string, string>;
  /** The post step's state as the runner would pass it: `::save-state` lines, overridden by GITHUB_STATE. */
  readonly state: Record<string, string>;
  readonly summary: string;
  /** The commands the runner would execute, read as the runner reads them (stop-commands honoured). */
  readonly commands: WorkflowCommand[];
  /** `::error` commands only. */
  readonly errors: WorkflowCommand[];
  readonly durationMs: number;
}

interface RunningStep {
  /** Resolves once a stdout line matches, with that line. Rejects with StepExitedError if the process ended first. */
  waitForOutput(pattern: RegExp): Promise<string>;
  /** Sends a signal as the runner does on cancellation (SIGINT first, then SIGTERM). */
  kill(signal: NodeJS.Signals): void;
  readonly result: Promise<StepRunResult>;
}

const inputVariable = (name: string): string => `INPUT_${name.replaceAll(' ', '_').toUpperCase()}`;

const readIfExists = async (file: string): Promise<string> => {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
};

/**
 * Starts a built JavaScript action under Node 24 the way the GitHub runner does: inputs as `INPUT_*`,
 * file commands through GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, cancellation by signal.
 */
const startStep = async (options: StepRunOptions): Promise<RunningStep> => {
  const workDir = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'greenlight-runner-')));
  const files = {
    GITHUB_OUTPUT: path.join(workDir, 'output'),
    GITHUB_STATE: path.join(workDir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(workDir, 'summary.md'),
  } as const;
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? workDir,
    ...files,
    ...Object.fromEntries(Object.entries(options.inputs ?? {}).map(([name, value]) => [inputVariable(name), value])),
    ...Object.fromEntries(Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])),
    ...options.env,
  };
  const started = Date.now();
  const child = spawn(node24Path(), [options.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<{ pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }>();
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const onCompleteLine = (line: string, stream: 'stdout' | 'stderr'): void => {
    options.onLine?.(line, stream);
    if (stream !== 'stdout') return;
    for (const watcher of watchers) {
      if (!watcher.pattern.test(line)) continue;
      watchers.delete(watcher);
      watcher.resolve(line);
    }
  };
  // Watchers and onLine see whole lines only: a chunk may end mid-line.
  const lineSplitter = (stream: 'stdout' | 'stderr'): ((chunk: string) => void) => {
    let partial = '';
    return (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onCompleteLine(line, stream);
    };
  };
  const stdoutLines = lineSplitter('stdout');
  const stderrLines = lineSplitter('stderr');
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    stdoutLines(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrLines(chunk);
    stderr += chunk;
  });
  const killTimer =
    options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  const result = new Promise<StepRunResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(killTimer);
      exit = { code: exitCode, signal };
      for (const watcher of watchers) watcher.reject(new StepExitedError(watcher.pattern, exitCode, signal));
      watchers.clear();
      void Promise.all([
        readIfExists(files.GITHUB_OUTPUT),
        readIfExists(files.GITHUB_STATE),
        readIfExists(files.GITHUB_STEP_SUMMARY),
      ]).then(([output, state, summary]) => {
        // The runner reads both streams for commands; the actions under test write commands to stdout only.
        const commands = parseWorkflowCommands(`${stdout}\n${stderr}`);
        resolve({
          exitCode,
          signal,
          stdout,
          stderr,
          outputs: effectiveValues(commands, 'set-output', parseFileCommands(output)),
          state: effectiveValues(commands, 'save-state', parseFileCommands(state)),
          summary,
          commands,
          errors: commands.filter((command) => command.command === 'error'),
          durationMs: Date.now() - started,
        });
      }, reject);
    });
  });
  return {
    waitForOutput: (pattern) =>
      new Promise<string>((resolve, reject) => {
        const line = stdout.split('\n').slice(0, -1).find((candidate) => pattern.test(candidate));
        if (line !== undefined) resolve(line);
        // A watcher added after the end would wait forever: nothing else will be printed.
        else if (exit !== undefined) reject(new StepExitedError(pattern, exit.code, exit.signal));
        else watchers.add({ pattern, resolve, reject });
      }),
    kill: (signal) => child.kill(signal),
    result,
  };
};

/** Runs a built action to its end. */
const runStep = async (options: StepRunOptions): Promise<StepRunResult> => (await startStep(options)).result;

export { runStep, startStep };
export type { StepRunOptions, StepRunResult, RunningStep };
