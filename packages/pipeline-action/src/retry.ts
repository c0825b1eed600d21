import { setTimeout as sleep } from 'node:timers/promises';
import { isTransient } from './aws-errors.js';

interface RetryOptions {
  readonly signal: AbortSignal;
  /** Local epoch milliseconds after which a transient failure is given up on. */
  readonly deadline: number;
  /** Delay before attempt n+1 after n consecutive failures. */
  readonly delayMs: (failures: number) => number;
  /** Told about each transient failure that will be retried. */
  readonly onRetry?: (error: unknown, delayMs: number) => void;
}

/**
 * Runs `operation` until it succeeds, retrying transient failures (throttling, 5xx, dropped connections) on top
 * of the SDK's own retries. Permanent failures, cancellation and the deadline end it with the last error.
 */
const retryTransient = async <T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> => {
  for (let failures = 1; ; failures++) {
    try {
      return await operation();
    } catch (error) {
      const delayMs = options.delayMs(failures);
      if (options.signal.aborted || !isTransient(error) || Date.now() + delayMs > options.deadline) throw error;
      options.onRetry?.(error, delayMs);
      await sleep(delayMs, undefined, { signal: options.signal });
    }
  }
};

export { retryTransient };
export type { RetryOptions };
