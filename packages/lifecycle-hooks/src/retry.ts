import { setTimeout as sleep } from 'node:timers/promises';

interface RetryOptions {
  /** Epoch milliseconds after which no attempt starts. */
  readonly deadline: number;
  readonly isRetryable: (error: unknown) => boolean;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

const RETRY_DEFAULTS = { baseDelayMs: 100, maxDelayMs: 2_000 } as const;

/**
 * Calls `operation` until it succeeds, fails with a non-retryable error, or the next attempt would start after
 * the deadline; waits with capped exponential backoff and full jitter between attempts (spreads retries from many
 * hooks hitting the same throttled API). The attempt number (from 1) lets callers size per-attempt timeouts.
 */
const withRetry = async <T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> => {
  const baseDelayMs = options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      const delayMs = Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
      if (!options.isRetryable(error) || Date.now() + delayMs >= options.deadline) {
        throw error;
      }
      options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
};

export { withRetry };
export type { RetryOptions };
