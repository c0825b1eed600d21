import { createBodyMatcher } from './body-matcher.js';
import type { CheckConfig, HookConfig } from './config.js';
import { runHttpCheck } from './http-check.js';
import { createHttpRequester } from './http-request.js';
import { summarizeLatencies } from './latency.js';
import { type HookLogger, logCheckResult } from './logger.js';
import { waitUntilReady } from './readiness.js';
import { type CheckResult, VERDICT_STATUS, type Verdict } from './results.js';

interface CustomCheckContext {
  /** scheme://host:port of green. */
  readonly targetUrl: string;
  /** Fires when the time budget ends: stop work and return. */
  readonly signal: AbortSignal;
  readonly logger: HookLogger;
}

/** A check of your own (a login flow, a database migration marker...), run after the HTTP checks. */
interface CustomCheck {
  readonly name: string;
  run(context: CustomCheckContext): Promise<boolean | { readonly passed: boolean; readonly reason?: string }>;
}

interface GreenValidationOptions {
  readonly config: HookConfig;
  readonly targetUrl: string;
  /** Epoch milliseconds after which the readiness probe stops being retried. */
  readonly readyBy: number;
  /** The time budget of the checks. */
  readonly signal: AbortSignal;
  readonly customChecks: readonly CustomCheck[];
  readonly logger: HookLogger;
  /** The ECS lifecycle stage, written into each check result line. */
  readonly stage?: string;
}

type GreenValidation =
  | { readonly ready: false; readonly attempts: number; readonly probe: CheckResult }
  | { readonly ready: true; readonly verdict: Verdict };

const runCustomCheck = async (check: CustomCheck, context: CustomCheckContext): Promise<CheckResult> => {
  const started = performance.now();
  let passed = false;
  let reason: string | undefined;
  try {
    const outcome = await check.run(context);
    passed = typeof outcome === 'boolean' ? outcome : outcome.passed;
    reason = typeof outcome === 'boolean' ? undefined : outcome.reason;
  } catch (error) {
    reason = `threw ${(error as Error).name ?? 'Error'}: ${(error as Error).message ?? String(error)}`;
  }
  const failedReason = reason ?? 'returned false';
  return {
    name: check.name,
    passed,
    requests: 1,
    failures: passed ? 0 : 1,
    latency: summarizeLatencies([performance.now() - started]),
    ...(passed ? {} : { reason: failedReason }),
  };
};

// The readiness probe is the first check reduced to one request: a load probe is only worth running once green answers.
const asProbe = (check: CheckConfig): CheckConfig => ({ ...check, requests: 1, concurrency: 1 });

const summarize = (checks: readonly CheckResult[], targetUrl: string): Verdict => {
  const failed = checks.find((check) => !check.passed);
  if (failed === undefined) {
    return { status: VERDICT_STATUS.Succeeded, reason: `all ${checks.length} checks passed against ${targetUrl}`, checks };
  }
  return { status: VERDICT_STATUS.Failed, reason: `check "${failed.name}" failed: ${failed.reason ?? 'no reason'}`, checks };
};

/**
 * Waits for green to pass the first check (readiness), then runs every HTTP check and every custom check,
 * logging one line per result. Never rejects: failures, including a spent budget, become failed results.
 */
const validateGreen = async (options: GreenValidationOptions): Promise<GreenValidation> => {
  const { config, logger, signal, targetUrl } = options;
  const [firstCheck] = config.checks;
  const requester = createHttpRequester(config.tls === undefined ? {} : { tls: config.tls });
  const bodyMatcher = createBodyMatcher();
  const httpCheck = (check: CheckConfig): Promise<CheckResult> =>
    runHttpCheck({ baseUrl: targetUrl, check, requestTimeoutMs: config.requestTimeoutMs, signal, requester, bodyMatcher });
  try {
    if (firstCheck !== undefined) {
      const readiness = await waitUntilReady({
        probe: () => httpCheck(asProbe(firstCheck)),
        readyBy: options.readyBy,
        signal,
        onAttempt: (result, attempt) => {
          if (!result.passed) {
            logger.log('INFO', 'green not ready', { attempt, check: result.name, reason: result.reason });
          }
        },
      });
      if (!readiness.ready) {
        return { ready: false, attempts: readiness.attempts, probe: readiness.last };
      }
    }
    const runs: (() => Promise<CheckResult>)[] = [
      ...config.checks.map((check) => () => httpCheck(check)),
      ...options.customChecks.map((check) => () => runCustomCheck(check, { targetUrl, signal, logger })),
    ];
    const results: CheckResult[] = [];
    for (const run of runs) {
      const result = await run();
      logCheckResult(logger, result, options.stage);
      results.push(result);
      // Once the budget is spent the verdict is Failed whatever follows: the rest would only add noise.
      if (signal.aborted && results.length < runs.length) {
        const reason = `time budget ran out after ${results.length} of ${runs.length} checks`;
        return { ready: true, verdict: { status: VERDICT_STATUS.Failed, reason, checks: results } };
      }
    }
    return { ready: true, verdict: summarize(results, targetUrl) };
  } finally {
    requester.close();
    bodyMatcher.close();
  }
};

/** Why a deployment fails when green never passed the readiness probe. */
const notReadyReason = (readyTimeoutSeconds: number, attempts: number, targetUrl: string, probe: CheckResult): string =>
  `green not ready within ${readyTimeoutSeconds} s (${attempts} attempts) at ${targetUrl}: ${probe.reason ?? 'no reason'}`;

export { notReadyReason, validateGreen };
export type { CustomCheck, CustomCheckContext, GreenValidation, GreenValidationOptions };
