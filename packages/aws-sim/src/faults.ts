import { SeededRandom } from './random.js';
import { RateLimiter, type RateLimit } from './rate-limiter.js';

const DROP_PHASE = { Before: 'before', After: 'after', Both: 'both' } as const;
type DropPhase = (typeof DROP_PHASE)[keyof typeof DROP_PHASE];

const INJECTED_FAULT = {
  Throttle: 'throttle',
  /** Over a `rateLimits` quota: answered ThrottlingException like a drawn throttle. */
  RateLimited: 'rate-limited',
  InternalError: 'internal-error',
  ServiceUnavailable: 'service-unavailable',
  DropBeforeHandling: 'drop-before-handling',
  DropAfterHandling: 'drop-after-handling',
  Denied: 'denied',
  ExpiredCredentials: 'expired-credentials',
} as const;
type InjectedFault = (typeof INJECTED_FAULT)[keyof typeof INJECTED_FAULT];

interface FaultSpec {
  /** Share of matching calls answered `ThrottlingException` ("Rate exceeded", HTTP 400). */
  readonly throttleRate?: number;
  /** Share of matching calls answered 500 `InternalFailure` or 503 `ServiceUnavailable` (half each). */
  readonly serverErrorRate?: number;
  /** Share of matching calls whose socket is destroyed without an answer. */
  readonly dropRate?: number;
  /**
   * When a dropped call is dropped: `before` handling (nothing happened), `after` handling (the effect happened
   * but the answer was lost: the case that proves idempotency), or `both` (half each, the default).
   */
  readonly dropPhase?: DropPhase;
  /** Extra delay before answering each matching call, uniform in [min, max] real milliseconds. */
  readonly latencyMs?: readonly [number, number];
  /** Restricts the rates above to these operations (`StartPipelineExecution`, `codepipeline:StartPipelineExecution` or `codepipeline:*`). */
  readonly operations?: readonly string[];
  /** Stop injecting throttles, 5xx and drops after this many (deny and expired credentials are not counted). */
  readonly maxFaults?: number;
  /** Operations answered `AccessDeniedException` (403), as `service:Operation` (`codebuild:BatchGetBuilds`) or `service:*`. */
  readonly deny?: readonly string[];
  /** Every call is answered `ExpiredTokenException` (400), as AWS does once an STS session has expired. */
  readonly expiredCredentials?: boolean;
  /**
   * Per-operation quotas (token buckets on the wall clock), keyed like `operations` entries: a call over its quota
   * is answered `ThrottlingException`. Independent of `operations` and `maxFaults`.
   */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
}

interface FaultDecision {
  readonly fault?: InjectedFault;
  readonly latencyMs: number;
}

/**
 * Decides, call by call, which fault to inject. Its random stream is seeded and separate from the one that
 * makes ids, so the same seed and the same sequence of calls always get the same faults.
 */
class FaultInjector {
  #spec: FaultSpec;
  #random: SeededRandom;
  #injected = 0;
  #limiter: RateLimiter;

  constructor(seed: number, spec: FaultSpec = {}) {
    this.#random = new SeededRandom(seed ^ 0x5eed);
    this.#spec = spec;
    this.#limiter = new RateLimiter(spec.rateLimits ?? {});
  }

  get spec(): FaultSpec {
    return this.#spec;
  }

  set(spec: FaultSpec): void {
    this.#spec = spec;
    this.#injected = 0;
    this.#limiter = new RateLimiter(spec.rateLimits ?? {});
  }

  decide(service: string, operation: string): FaultDecision {
    const spec = this.#spec;
    if (spec.expiredCredentials === true) {
      return { fault: INJECTED_FAULT.ExpiredCredentials, latencyMs: 0 };
    }
    if (spec.deny?.some((entry) => matches(entry, service, operation)) === true) {
      return { fault: INJECTED_FAULT.Denied, latencyMs: 0 };
    }
    if (!this.#limiter.take((entry) => matches(entry, service, operation), Date.now())) {
      return { fault: INJECTED_FAULT.RateLimited, latencyMs: 0 };
    }
    const applies = spec.operations === undefined || spec.operations.some((entry) => matches(entry, service, operation));
    if (!applies) {
      return { latencyMs: 0 };
    }
    const latencyMs = spec.latencyMs === undefined ? 0 : this.#random.integer(spec.latencyMs[0], spec.latencyMs[1]);
    const fault = this.#drawFault(spec);
    if (fault === undefined) {
      return { latencyMs };
    }
    this.#injected += 1;
    return { fault, latencyMs };
  }

  #drawFault(spec: FaultSpec): InjectedFault | undefined {
    const throttle = spec.throttleRate ?? 0;
    const server = spec.serverErrorRate ?? 0;
    const drop = spec.dropRate ?? 0;
    if (throttle + server + drop === 0) {
      return undefined;
    }
    // Always draw the same numbers per call so that the fault sequence does not depend on which fault came first.
    const pick = this.#random.next();
    const flip = this.#random.next();
    if (spec.maxFaults !== undefined && this.#injected >= spec.maxFaults) {
      return undefined;
    }
    if (pick < throttle) {
      return INJECTED_FAULT.Throttle;
    }
    if (pick < throttle + server) {
      return flip < 0.5 ? INJECTED_FAULT.InternalError : INJECTED_FAULT.ServiceUnavailable;
    }
    if (pick < throttle + server + drop) {
      const phase = spec.dropPhase ?? DROP_PHASE.Both;
      if (phase === DROP_PHASE.Before) {
        return INJECTED_FAULT.DropBeforeHandling;
      }
      if (phase === DROP_PHASE.After) {
        return INJECTED_FAULT.DropAfterHandling;
      }
      return flip < 0.5 ? INJECTED_FAULT.DropBeforeHandling : INJECTED_FAULT.DropAfterHandling;
    }
    return undefined;
  }
}

const matches = (entry: string, service: string, operation: string): boolean =>
  entry === operation || entry === `${service}:${operation}` || entry === `${service}:*`;

export { DROP_PHASE, type DropPhase, FaultInjector, INJECTED_FAULT, type InjectedFault };
export type { FaultDecision, FaultSpec };
