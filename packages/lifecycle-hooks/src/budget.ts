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

export { planBudget };
export type { Budget };
