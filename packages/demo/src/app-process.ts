import { spawn, type ChildProcess } from 'node:child_process';
import { node24Path } from '@greenlight/testkit';
import { artifactPath, ARTIFACTS } from './artifacts.js';
import { reapOnExit } from './child-reaper.js';
import { AppProcessError } from './errors.js';

interface AppProcessOptions {
  readonly version: string;
  /** Called with each line the app logs. */
  readonly onLog?: (line: string) => void;
  readonly startTimeoutMs?: number;
}

/** One running task of the sample app: a real Node 24 process listening on a free loopback port. */
class AppProcess {
  readonly version: string;
  readonly port: number;
  readonly #child: ChildProcess;
  readonly #exited: Promise<number | null>;

  private constructor(version: string, port: number, child: ChildProcess, exited: Promise<number | null>) {
    this.version = version;
    this.port = port;
    this.#child = child;
    this.#exited = exited;
  }

  static async start(options: AppProcessOptions): Promise<AppProcess> {
    const child = spawn(node24Path(), [artifactPath(ARTIFACTS.sampleApp)], {
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', APP_VERSION: options.version },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, like a task on ECS: Ctrl-C in the terminal cancels the workflow, not the service.
      detached: true,
    });
    reapOnExit(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let buffered = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new AppProcessError(`app ${options.version} did not start listening within ${options.startTimeoutMs ?? 15_000} ms`));
      }, options.startTimeoutMs ?? 15_000);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          options.onLog?.(line);
          const listening = /"msg":"listening","port":(\d+)/.exec(line);
          if (listening?.[1] !== undefined) {
            clearTimeout(timer);
            resolve(Number(listening[1]));
          }
        }
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => options.onLog?.(chunk.trimEnd()));
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new AppProcessError(`app ${options.version} exited with code ${code} before listening`));
      });
    });
    return new AppProcess(options.version, port, child, exited);
  }

  /** SIGTERM as ECS sends it, then waits for the app to drain and exit; SIGKILL after the stop timeout. */
  async stop(stopTimeoutMs = 10_000): Promise<number | null> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return this.#exited;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), stopTimeoutMs);
    const code = await this.#exited;
    clearTimeout(timer);
    return code;
  }
}

export { AppProcess };
export type { AppProcessOptions };
