const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The simulated clock. Simulated time starts at the wall-clock time of `startSimulator` and runs 1/timeScale
 * times as fast as real time, so `timeScale: 0.01` plays a 60 s deployment in 0.6 s while every timestamp the
 * clients see still spans 60 s.
 */
class SimClock {
  readonly timeScale: number;
  readonly #realStart: number;
  readonly #simStart: number;
  readonly #shutdown = new AbortController();

  constructor(timeScale: number, simStart = Date.now()) {
    this.timeScale = timeScale;
    this.#realStart = Date.now();
    this.#simStart = simStart;
  }

  /** Simulated now, in epoch milliseconds. */
  nowMs(): number {
    return this.#simStart + (Date.now() - this.#realStart) / this.timeScale;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Real milliseconds that `simSeconds` of simulated time take. */
  realMs(simSeconds: number): number {
    return Math.max(0, simSeconds * 1000 * this.timeScale);
  }

  /**
   * Waits `simSeconds` of simulated time. Rejects with the signal's reason when `signal` aborts or when the
   * simulator stops, so no timer outlives the simulator.
   */
  sleep(simSeconds: number, signal?: AbortSignal): Promise<void> {
    const combined = signal === undefined ? this.#shutdown.signal : AbortSignal.any([signal, this.#shutdown.signal]);
    return new Promise((resolve, reject) => {
      if (combined.aborted) {
        reject(combined.reason as Error);
        return;
      }
      let remaining = this.realMs(simSeconds);
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
