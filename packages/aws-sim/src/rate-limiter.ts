/** A per-operation request quota: `ratePerSecond` tokens refill a bucket of `burst` (default one second's worth). */
interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst?: number;
}

interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

/**
 * Token buckets, one per configured entry (`codepipeline:GetPipelineExecution`, `GetPipelineExecution` or
 * `codepipeline:*`, which all operations of the service share), refilled on the wall clock as AWS quotas are:
 * clients back off in real time whatever the scenario's timeScale.
 */
class RateLimiter {
  readonly #limits: readonly (readonly [string, RateLimit])[];
  readonly #buckets = new Map<string, Bucket>();

  constructor(limits: Readonly<Record<string, RateLimit>>) {
    this.#limits = Object.entries(limits);
  }

  /** Takes a token from every bucket the call falls under; false (and nothing taken) when one is empty. */
  take(matches: (entry: string) => boolean, nowMs: number): boolean {
    const buckets = this.#limits.filter(([entry]) => matches(entry)).map(([entry, limit]) => this.#refilled(entry, limit, nowMs));
    if (buckets.some((bucket) => bucket.tokens < 1)) {
      return false;
    }
    for (const bucket of buckets) {
      bucket.tokens -= 1;
    }
    return true;
  }

  #refilled(entry: string, limit: RateLimit, nowMs: number): Bucket {
    const capacity = limit.burst ?? Math.max(1, limit.ratePerSecond);
    const bucket = this.#buckets.get(entry) ?? { tokens: capacity, refilledAtMs: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.refilledAtMs) / 1000) * limit.ratePerSecond);
    bucket.refilledAtMs = nowMs;
    this.#buckets.set(entry, bucket);
    return bucket;
  }
}

export { RateLimiter };
export type { RateLimit };
