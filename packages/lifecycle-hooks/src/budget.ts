import { fullJitterBackoff } from '@greenlight/aws-retry';

interface Budget {
  /** Epoch milliseconds when the checks must have ended, leaving the reporting margin. */
  readonly checksDeadline: number;
  /** Epoch milliseconds when the last report attempt may start, just before Lambda stops the function. */
  readonly reportDeadline: number;
}

const BUDGET_DEFAULTS = {
  reportingMarginMs: 10_000,
  // Time kept after the last report attempt to log and return before Lambda's hard stop.
  finalSafetyMs: 500,
} as const;

// Never wait longer for one AWS call than this, even when the deadline is far away.
const MAX_ATTEMPT_MS = 5_000;

// Between attempts of an AWS call: 100 ms doubling to at most 2 s, at random below that (full jitter), so the
// retries of many hooks hitting the same throttled API spread out.
const AWS_RETRY_DELAY = fullJitterBackoff(100, 2_000);

/**
 * Splits the invocation's remaining time: checks first, then a reporting margin (at most a third of the time, so a
 * short Lambda timeout still leaves room for checks) for the report and its retries.
 */
const planBudget = (remainingMs: number, reportingMarginMs: number = BUDGET_DEFAULTS.reportingMarginMs): Budget => {
  const now = Date.now();
  const margin = Math.min(reportingMarginMs, Math.floor(remainingMs / 3));
  const safety = Math.min(BUDGET_DEFAULTS.finalSafetyMs, Math.floor(remainingMs / 10));
  return { checksDeadline: now + remainingMs - margin, reportDeadline: now + remainingMs - safety };
};

/** An abort signal for one AWS call: fires after MAX_ATTEMPT_MS or at the deadline, whichever comes first. */
const attemptSignal = (deadline: number): AbortSignal =>
  AbortSignal.timeout(Math.max(1, Math.min(MAX_ATTEMPT_MS, deadline - Date.now())));

export { attemptSignal, AWS_RETRY_DELAY, planBudget };
export type { Budget };
