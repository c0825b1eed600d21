/**
 * Maps the service's timestamps onto our clock, so that "this action usually ends 40 s after it starts" can
 * become "poll again in 12 s".
 *
 * The anchor pairs a server timestamp with the local moment it was (about) current. Every later timestamp seen
 * at a local moment is a lower bound of the server's clock then, and so bounds how fast it runs. Real AWS runs
 * at our pace, and latency and a few seconds of clock skew make such bounds scatter around 1, so only a clock that
 * is both `noiseRate` times faster and `skewToleranceMs` ahead counts as faster (an environment replaying
 * executions in compressed time); it is then followed, so predictions never lag behind it.
 */
class ServerClock {
  static readonly noiseRate = 1.5;
  static readonly skewToleranceMs = 5_000;
  #anchor: { readonly serverMs: number; readonly localMs: number } | undefined;
  #rate = 1;

  /** Server time runs this many times faster than local time (1 for real AWS). */
  get rate(): number {
    return this.#rate;
  }

  anchor(serverMs: number, localMs: number): void {
    this.#anchor ??= { serverMs, localMs };
  }

  /** Records that the server's clock had reached at least `serverMs` by the local moment `localMs`. */
  observe(serverMs: number, localMs: number): void {
    if (this.#anchor === undefined) return;
    const localElapsed = localMs - this.#anchor.localMs;
    const serverElapsed = serverMs - this.#anchor.serverMs;
    if (localElapsed <= 0 || serverElapsed <= 0) return;
    const lowerBound = serverElapsed / localElapsed;
    if (lowerBound > ServerClock.noiseRate && serverElapsed - localElapsed > ServerClock.skewToleranceMs) {
      this.#rate = Math.max(this.#rate, lowerBound);
    }
  }

  /** The local moment at which the server's clock will read `serverMs` (undefined before any anchor). */
  toLocal(serverMs: number): number | undefined {
    if (this.#anchor === undefined) return undefined;
    return this.#anchor.localMs + (serverMs - this.#anchor.serverMs) / this.#rate;
  }
}

export { ServerClock };
