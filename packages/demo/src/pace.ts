/**
 * Simulated time for the deployment's waits (canary intervals, termination wait): `timeScale` real seconds per
 * simulated second, the same scale the simulator uses, so a 5-minute canary takes 5 minutes in every
 * timestamp the action sees and a few seconds on the user's clock.
 */
class Pace {
  readonly timeScale: number;

  constructor(timeScale: number) {
    this.timeScale = timeScale;
  }

  realMs(simSeconds: number): number {
    return Math.max(0, simSeconds * 1_000 * this.timeScale);
  }

  /** Waits `simSeconds` of simulated time; rejects with the signal's reason as soon as it aborts. */
  sleep(simSeconds: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, this.realMs(simSeconds));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

export { Pace };
