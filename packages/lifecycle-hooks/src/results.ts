import type { LatencySummary } from './latency.js';

/** The outcome of one check (an HTTP check or a custom one). */
interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly requests: number;
  readonly failures: number;
  readonly latency: LatencySummary;
  /** Why the check failed; absent when it passed. */
  readonly reason?: string;
}

const VERDICT_STATUS = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
} as const;

type VerdictStatus = (typeof VERDICT_STATUS)[keyof typeof VERDICT_STATUS];

/** The decision about green, in CodeDeploy's words. */
interface Verdict {
  readonly status: VerdictStatus;
  readonly reason: string;
  readonly checks: readonly CheckResult[];
}

export { VERDICT_STATUS };
export type { CheckResult, Verdict, VerdictStatus };
