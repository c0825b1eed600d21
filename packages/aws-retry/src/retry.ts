import { setTimeout as sleep } from 'node:timers/promises';

interface RetryOptions {
  /** Epoch milliseconds: no attempt starts at or after it; the last error is thrown instead. */
  readonly deadline: number;
  /** The caller's cancellation: once aborted, nothing is retried and a pending wait ends with an AbortError. */
  readonly signal?: AbortSignal;
  /** Milliseconds to wait before the next attempt, after `failures` consecutive failures (1, 2, ...). */
  readonly delay: (failures: number) => number;
  readonly isRetryable: (error: unknown) => boolean;
  /** Told about each failure that will be retried, before the wait. */
  readonly onRetry?: (error: unknown, failures: number, delayMs: number) => void;
}

/**
 * Calls `operation` (with the attempt number, from 1, so callers can size per-attempt timeouts) until it succeeds,
 * fails with an error `isRetryable` rejects, the signal aborts, or the next attempt would start at or after the
 * deadline. This sits on top of the SDK's own few quick retries, for failures that outlast them.
 */
const retry = async <T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      const delayMs = options.delay(attempt);
      if (options.signal?.aborted === true || !options.isRetryable(error) || Date.now() + delayMs >= options.deadline) {
        throw error;
      }
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, undefined, options.signal === undefined ? {} : { signal: options.signal });
    }
  }
};

/**
 * Capped exponential backoff with full jitter: a random wait up to `baseMs` × 2^failures, at most `maxMs`. The
 * randomness spreads the retries of many callers hitting the same throttled API.
 */
const fullJitterBackoff =
  (baseMs: number, maxMs: number) =>
  (failures: number): number =>
    Math.round(Math.random() * Math.min(maxMs, baseMs * 2 ** failures));

export { fullJitterBackoff, retry };
export type { RetryOptions };
