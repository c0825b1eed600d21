/**
 * Scaled time for the deployment's waits (canary intervals, termination wait): `timeScale` real seconds per
 * configured second, the same scale aws-sim applies to its scenario durations. Timestamps stay wall-clock time
 * everywhere, as in AWS, so a 5-minute canary at timeScale 0.01 takes 3 s and its timestamps span 3 s.
 */
class Pace {
  readonly timeScale: number;

  constructor(timeScale: number) {
    this.timeScale = timeScale;
  }

  realMs(simSeconds: number): number {
    return Math.max(0, simSeconds * 1_000 * this.timeScale);
  }

  /** Waits the real time `simSeconds` configured seconds take; rejects with the signal's reason as soon as it aborts. */
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
