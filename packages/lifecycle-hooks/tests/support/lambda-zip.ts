import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Path } from '@greenlight/testkit';
import { unzipSync } from 'fflate';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const zipPath = path.join(packageDir, 'dist', 'lifecycle-hook.zip');
const runnerPath = path.join(packageDir, 'tests', 'fixtures', 'invoke-lambda.mjs');

type LogLine = Readonly<Record<string, unknown>> & { readonly message: string };

interface LambdaOutcome {
  readonly deadline: number;
  readonly settledAt: number;
  readonly result?: Record<string, unknown>;
  readonly error?: { readonly name: string; readonly message: string };
  readonly timedOut?: boolean;
  /** Peak resident memory of the function's process, as Lambda's "Max Memory Used". */
  readonly maxRssKiB?: number;
}

interface Invocation {
  readonly exitCode: number | null;
  readonly outcome: LambdaOutcome;
  readonly logs: LogLine[];
  readonly stdout: string;
  readonly stderr: string;
}

/** Unpacks a function zip (by default the built hook's) into a fresh directory, as Lambda does into /var/task. */
const unpackHookZip = async (zipFile: string = zipPath): Promise<string> => {
  const functionDir = await mkdtemp(path.join(tmpdir(), 'greenlight-hook-'));
  const entries = unzipSync(new Uint8Array(await readFile(zipFile)));
  for (const [name, content] of Object.entries(entries)) {
    const target = path.join(functionDir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return functionDir;
};

const parseLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

// Lambda stops a function at its timeout whatever it is doing; the runner's own timer cannot fire while its event
// loop is blocked, so the parent stops it this long after the deadline.
const KILL_GRACE_MS = 1_000;

/**
 * Invokes the unpacked function under Node 24 with GREENLIGHT_CONFIG and the simulator's environment. A function
 * still running past its timeout is killed, as Lambda does, and its outcome says `timedOut`.
 */
const invokeHook = async (options: {
  readonly functionDir: string;
  readonly event: unknown;
  readonly config: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}): Promise<Invocation> => {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    ...options.env,
    LAMBDA_EVENT: JSON.stringify(options.event),
    LAMBDA_TIMEOUT_MS: String(options.timeoutMs),
    ...(options.config === undefined ? {} : { GREENLIGHT_CONFIG: options.config }),
  };
  const deadline = Date.now() + options.timeoutMs;
  const child = spawn(node24Path(), [runnerPath, options.functionDir], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs + KILL_GRACE_MS,
    killSignal: 'SIGKILL',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const lines = parseLines(stdout);
  const outcome =
    lines.find((line) => line['lambdaOutcome'] === true) ??
    (child.signalCode === 'SIGKILL' ? { deadline, settledAt: Date.now(), timedOut: true } : undefined);
  if (outcome === undefined) {
    throw new Error(`the function printed no outcome (exit ${exitCode}): ${stderr}${stdout}`);
  }
  return {
    exitCode,
    outcome: outcome as unknown as LambdaOutcome,
    logs: lines.filter((line): line is LogLine => typeof line['message'] === 'string'),
    stdout,
    stderr,
  };
};

export { invokeHook, packageDir, unpackHookZip, zipPath };
export type { Invocation, LambdaOutcome, LogLine };
