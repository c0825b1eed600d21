import { type BodyMatcher, createBodyMatcher } from './body-matcher.js';
import type { CheckConfig } from './config.js';
import { LifecycleHookConfigError } from './errors.js';
import { createHttpRequester, type HttpRequester, type HttpRequestSpec, type TlsOptions } from './http-request.js';
import { summarizeLatencies } from './latency.js';
import { needsBody, responseProblem } from './response-expectations.js';
import type { CheckResult } from './results.js';

interface HttpCheckOptions {
  /** scheme://host:port of green (the test listener); the check's path is resolved against it. */
  readonly baseUrl: string;
  readonly check: CheckConfig;
  readonly requestTimeoutMs: number;
  /** Aborts in-flight requests and stops starting new ones (the hook's time budget). */
  readonly signal?: AbortSignal;
  readonly tls?: TlsOptions;
  /** Reuses a pool across checks; by default each check opens and closes its own. */
  readonly requester?: HttpRequester;
  /** Reuses a bodyMatches worker across checks; by default each check starts (if needed) and ends its own. */
  readonly bodyMatcher?: BodyMatcher;
}

const checkName = (check: CheckConfig): string => check.name ?? `${check.method} ${check.path}`;

const encodeBody = (check: CheckConfig): { body: string | undefined; headers: Record<string, string> } => {
  if (check.body === undefined || typeof check.body === 'string') {
    return { body: check.body, headers: { ...check.headers } };
  }
  const hasContentType = Object.keys(check.headers).some((name) => name.toLowerCase() === 'content-type');
  return {
    body: JSON.stringify(check.body),
    headers: hasContentType ? { ...check.headers } : { ...check.headers, 'content-type': 'application/json' },
  };
};

/**
 * The URL of a check: its path against the base URL, which must stay on the base URL's origin. The configuration
 * only admits paths that do, so this holds for checks built without it too, and for every target (configured,
 * discovered or passed in hookDetails): a check, with its headers, is never sent to another host.
 */
const checkUrl = (check: CheckConfig, baseUrl: string): URL => {
  const base = new URL(baseUrl);
  const url = new URL(check.path, base);
  if (url.origin !== base.origin) {
    throw new LifecycleHookConfigError(
      `check "${checkName(check)}": path ${JSON.stringify(check.path)} leads to ${url.origin}, away from the target ` +
        `${base.origin}; a path must start with exactly one "/"`,
    );
  }
  return url;
};

const formatRatio = (ratio: number): string => ratio.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');

/**
 * Runs one check: `requests` requests, `concurrency` at a time, each judged by `expect`; then the success ratio
 * and the p95 latency over all of them. One request by default, which makes it a plain smoke test. Rejects with a
 * LifecycleHookConfigError, sending nothing, when the check's path leads away from the base URL's origin.
 */
const runHttpCheck = async (options: HttpCheckOptions): Promise<CheckResult> => {
  const { check } = options;
  const url = checkUrl(check, options.baseUrl);
  const { body, headers } = encodeBody(check);
  const readBody = needsBody(check.expect);
  const concurrency = Math.min(check.concurrency, check.requests);
  const requester = options.requester ?? createHttpRequester(options.tls === undefined ? {} : { tls: options.tls });
  const bodyMatcher = options.bodyMatcher ?? createBodyMatcher();
  const matchLimits = { timeoutMs: options.requestTimeoutMs, signal: options.signal };
  const matchBody = (pattern: string, text: string) => bodyMatcher.test(pattern, text, matchLimits);

  const latencies: number[] = [];
  let started = 0;
  let failures = 0;
  let firstProblem: string | undefined;

  const spec: HttpRequestSpec = {
    url,
    method: check.method,
    headers,
    body,
    timeoutMs: options.requestTimeoutMs,
    readBody,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const worker = async (): Promise<void> => {
    while (started < check.requests && options.signal?.aborted !== true) {
      started += 1;
      const outcome = await requester.send(spec);
      latencies.push(outcome.latencyMs);
      const problem = await responseProblem(check.expect, outcome, matchBody);
      if (problem !== undefined) {
        failures += 1;
        firstProblem ??= problem;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    if (options.requester === undefined) {
      requester.close();
    }
    if (options.bodyMatcher === undefined) {
      bodyMatcher.close();
    }
  }

  const latency = summarizeLatencies(latencies);
  const base = { name: checkName(check), requests: latencies.length, failures, latency };
  if (options.signal?.aborted === true) {
    return {
      ...base,
      passed: false,
      reason: `time budget ran out after ${latencies.length} of ${check.requests} requests${firstProblem === undefined ? '' : `; first failure: ${firstProblem}`}`,
    };
  }
  const successRatio = (check.requests - failures) / check.requests;
  if (successRatio < check.expect.successRatio) {
    const ratioText =
      check.expect.successRatio === 1 ? '' : ` (success ratio ${formatRatio(successRatio)}, expected at least ${formatRatio(check.expect.successRatio)})`;
    return {
      ...base,
      passed: false,
      reason: `${failures} of ${check.requests} requests failed${ratioText}: ${firstProblem ?? 'unknown'}`,
    };
  }
  if (check.expect.p95Ms !== undefined && latency.p95Ms > check.expect.p95Ms) {
    return {
      ...base,
      passed: false,
      reason: `p95 latency ${Math.round(latency.p95Ms)} ms, expected at most ${check.expect.p95Ms} ms`,
    };
  }
  return { ...base, passed: true };
};

export { runHttpCheck };
export type { HttpCheckOptions };
