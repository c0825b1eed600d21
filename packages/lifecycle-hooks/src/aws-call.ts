import { fullJitterBackoff, isRetryableAwsError, retry } from '@greenlight/aws-retry';

// Never wait longer for one AWS call than this, even when the deadline is far away.
const MAX_ATTEMPT_MS = 5_000;

// Between attempts: 100 ms doubling to at most 2 s, at random below that (full jitter), so the retries of many
// hooks hitting the same throttled API spread out.
const retryDelay = fullJitterBackoff(100, 2_000);

interface AwsCallOptions {
  /** Epoch milliseconds: no attempt starts at or after it. */
  readonly deadline: number;
  /** Told about each failure that will be retried. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** An abort signal for one attempt: fires after MAX_ATTEMPT_MS or at the deadline, whichever comes first. */
const attemptSignal = (deadline: number): AbortSignal =>
  AbortSignal.timeout(Math.max(1, Math.min(MAX_ATTEMPT_MS, deadline - Date.now())));

/**
 * One AWS call of the hook: each attempt cut at MAX_ATTEMPT_MS, throttling and transient failures retried until
 * the deadline. Loaded only with the CodeDeploy calls: the classification brings the SDK's retry module along.
 */
const callAws = <T>(send: (signal: AbortSignal) => Promise<T>, options: AwsCallOptions): Promise<T> =>
  retry(() => send(attemptSignal(options.deadline)), {
    deadline: options.deadline,
    delay: retryDelay,
    isRetryable: isRetryableAwsError,
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  });

export { callAws };
export type { AwsCallOptions };
