import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Path } from '@greenlight/testkit';
import { reapOnExit } from './child-reaper.js';
import { extractZip } from './zip-archive.js';

// Resolved through dist from src (under jest) and from dist alike: the runtime must be plain JavaScript for Node.
const runtime = fileURLToPath(new URL('../dist/lambda-runtime.js', import.meta.url));

/** Where Lambda ships a function's output: CloudWatch Logs, a group per function and a stream per invocation. */
type LogSink = (logGroupName: string, logStreamName: string, events: readonly { readonly message: string; readonly timestamp: number }[]) => void;

interface LambdaFunctionOptions {
  readonly zipPath: string;
  readonly functionName: string;
  /** `file.export`, as the function's Handler setting. */
  readonly handler?: string;
  readonly timeoutMs: number;
  /** The function's environment variables (Lambda adds its own AWS_* ones). */
  readonly environment: Readonly<Record<string, string>>;
  /** Receives every stdout/stderr line of every invocation, as Lambda writes them to `/aws/lambda/<function>`. */
  readonly logSink?: LogSink;
}

type InvocationOutcome =
  | { readonly ok: true; readonly result: unknown; readonly durationMs: number }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };

/**
 * A Lambda function backed by a real deployment package: unpacked once, each invocation a fresh Node 24
 * process (a cold start every time, the worst case) running the handler with Lambda's context.
 */
class LambdaFunction {
  readonly #options: LambdaFunctionOptions;
  readonly #taskRoot: string;

  private constructor(options: LambdaFunctionOptions, taskRoot: string) {
    this.#options = options;
    this.#taskRoot = taskRoot;
  }

  static async deploy(options: LambdaFunctionOptions): Promise<LambdaFunction> {
    const taskRoot = await mkdtemp(path.join(tmpdir(), `greenlight-${options.functionName}-`));
    await extractZip(options.zipPath, taskRoot);
    return new LambdaFunction(options, taskRoot);
  }

  /** One invocation; each line the function logs goes to the log sink (CloudWatch Logs, in AWS) and to `onLog`. */
  invoke(event: unknown, onLog?: (line: string) => void): Promise<InvocationOutcome> {
    const started = Date.now();
    const { functionName, timeoutMs, environment, logSink } = this.#options;
    const logGroupName = `/aws/lambda/${functionName}`;
    const logStreamName = `${new Date(started).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomUUID().replaceAll('-', '')}`;
    const log = (line: string): void => {
      logSink?.(logGroupName, logStreamName, [{ message: line, timestamp: Date.now() }]);
      onLog?.(line);
    };
    const child = fork(runtime, [this.#taskRoot, this.#options.handler ?? 'index.handler', String(timeoutMs), JSON.stringify(event)], {
      execPath: node24Path(),
      cwd: this.#taskRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        LAMBDA_TASK_ROOT: this.#taskRoot,
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        AWS_LAMBDA_LOG_GROUP_NAME: logGroupName,
        AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Lambda runs in AWS, out of reach of a Ctrl-C in the terminal that cancels the workflow.
      detached: true,
    });
    reapOnExit(child);
    const forward = (stream: NodeJS.ReadableStream | null): void => {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) log(line);
      });
      stream?.on('end', () => {
        if (buffered !== '') log(buffered);
      });
    };
    forward(child.stdout);
    forward(child.stderr);
    // Lambda freezes the function at its timeout; a runtime that cannot even report by then is killed.
    const killTimer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 5_000);
    return new Promise<InvocationOutcome>((resolve) => {
      let outcome: { ok: true; result: unknown } | { ok: false; error: string } | undefined;
      child.on('message', (message) => {
        outcome = message as typeof outcome;
      });
      child.once('exit', (code, signal) => {
        clearTimeout(killTimer);
        const durationMs = Date.now() - started;
        resolve(
          outcome === undefined
            ? { ok: false, error: `Runtime exited without a result (code ${code}, signal ${signal})`, durationMs }
            : { ...outcome, durationMs },
        );
      });
    });
  }

  async remove(): Promise<void> {
    await rm(this.#taskRoot, { recursive: true, force: true });
  }
}

export { LambdaFunction };
export type { InvocationOutcome, LambdaFunctionOptions, LogSink };
