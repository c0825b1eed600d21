const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The simulator's clock. Every timestamp clients see is wall-clock time, as AWS's are: a client can never tell
 * the simulator from AWS by its clock. `timeScale` only shortens the scenario's durations: an action of
 * `durationSeconds: 60` at `timeScale: 0.05` really takes 3 s, and its timestamps span 3 s.
 */
class SimClock {
  readonly timeScale: number;
  readonly #shutdown = new AbortController();

  constructor(timeScale: number) {
    this.timeScale = timeScale;
  }

  /** Now, in epoch milliseconds (wall clock). */
  nowMs(): number {
    return Date.now();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Real milliseconds that a scenario duration of `scenarioSeconds` takes: also how far apart its timestamps are. */
  realMs(scenarioSeconds: number): number {
    return Math.max(0, scenarioSeconds * 1000 * this.timeScale);
  }

  /**
   * Waits the real time a scenario duration of `scenarioSeconds` takes. Rejects with the signal's reason when `signal` aborts or when the
   * simulator stops, so no timer outlives the simulator.
   */
  sleep(scenarioSeconds: number, signal?: AbortSignal): Promise<void> {
    const combined = signal === undefined ? this.#shutdown.signal : AbortSignal.any([signal, this.#shutdown.signal]);
    return new Promise((resolve, reject) => {
      if (combined.aborted) {
        reject(combined.reason as Error);
        return;
      }
      let remaining = this.realMs(scenarioSeconds);
      let timer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(combined.reason as Error);
      };
      // setTimeout fires at once beyond ~24.8 days; scenarios that mean "never ends" wait in chunks instead.
      const arm = (): void => {
        const chunk = Math.min(remaining, MAX_TIMER_MS);
        remaining -= chunk;
        timer = setTimeout(() => {
          if (remaining > 0) {
            arm();
            return;
          }
          combined.removeEventListener('abort', onAbort);
          resolve();
        }, chunk);
      };
      arm();
      combined.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Aborted when the simulator stops: long-running work (drivers, executions) listens to it. */
  get shutdownSignal(): AbortSignal {
    return this.#shutdown.signal;
  }

  shutdown(): void {
    this.#shutdown.abort(new Error('The simulator stopped.'));
  }
}

export { SimClock };
