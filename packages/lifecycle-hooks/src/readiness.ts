import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckResult } from './results.js';

interface ReadinessOptions {
  /** One attempt at the first check; resolves with its result (never rejects). */
  readonly probe: () => Promise<CheckResult>;
  /** Epoch milliseconds after which no new attempt starts. */
  readonly readyBy: number;
  readonly signal?: AbortSignal;
  readonly onAttempt?: (result: CheckResult, attempt: number) => void;
}

interface ReadinessResult {
  readonly ready: boolean;
  readonly attempts: number;
  readonly last: CheckResult;
}

const READINESS_DELAYS = { firstMs: 250, maxMs: 2_000 } as const;

/**
 * Green may need a moment after the listener moves (targets still registering, caches warming): retries the probe
 * with a growing pause until it passes or `readyBy` comes. An attempt started before `readyBy` may end after it, by
 * at most the request timeout; `readyBy` equal to now means exactly one attempt.
 */
const waitUntilReady = async (options: ReadinessOptions): Promise<ReadinessResult> => {
  let delayMs: number = READINESS_DELAYS.firstMs;
  for (let attempt = 1; ; attempt += 1) {
    const last = await options.probe();
    options.onAttempt?.(last, attempt);
    if (last.passed) {
      return { ready: true, attempts: attempt, last };
    }
    if (Date.now() + delayMs >= options.readyBy || options.signal?.aborted === true) {
      return { ready: false, attempts: attempt, last };
    }
    try {
      await sleep(delayMs, undefined, options.signal === undefined ? {} : { signal: options.signal });
    } catch {
      return { ready: false, attempts: attempt, last };
    }
    delayMs = Math.min(delayMs * 2, READINESS_DELAYS.maxMs);
  }
};

export { waitUntilReady };
export type { ReadinessOptions, ReadinessResult };
