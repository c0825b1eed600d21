interface LatencySummary {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentile of an ascending list: the smallest value with at least p% of samples at or below it. */
const percentile = (ascending: readonly number[], p: number): number => {
  if (ascending.length === 0) {
    return 0;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1] ?? 0;
};

const roundMs = (ms: number): number => Math.round(ms * 10) / 10;

/** p50 / p95 / max of latencies in milliseconds, rounded to 0.1 ms for logs. */
const summarizeLatencies = (latenciesMs: readonly number[]): LatencySummary => {
  const ascending = [...latenciesMs].sort((a, b) => a - b);
  return {
    p50Ms: roundMs(percentile(ascending, 50)),
    p95Ms: roundMs(percentile(ascending, 95)),
    maxMs: roundMs(ascending.at(-1) ?? 0),
  };
};

export { percentile, summarizeLatencies };
export type { LatencySummary };
