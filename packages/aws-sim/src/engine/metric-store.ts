/** One metric as CloudWatch names it: namespace, name and the exact set of dimensions. */
interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A scripted series: the values one statistic of one metric takes at one period, as GetMetricData would return them. */
interface MetricSeriesSpec extends MetricIdentity {
  /** `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount` or a percentile such as `p95`. */
  readonly stat: string;
  readonly periodSeconds: number;
  readonly points: readonly { readonly timestamp: Date; readonly value: number }[];
}

interface MetricQuery extends MetricIdentity {
  readonly stat: string;
  readonly periodSeconds: number;
  /** Inclusive. */
  readonly startTime: Date;
  /** Exclusive. */
  readonly endTime: Date;
}

interface MetricPoint {
  readonly timestamp: Date;
  readonly value: number;
}

// Dimensions are an unordered set in CloudWatch: the key sorts them.
const seriesKey = (identity: MetricIdentity, stat: string, periodSeconds: number): string =>
  JSON.stringify([
    identity.namespace,
    identity.metricName,
    Object.entries(identity.dimensions).sort(([a], [b]) => a.localeCompare(b)),
    stat,
    periodSeconds,
  ]);

/**
 * CloudWatch metric data scripted by tests and scenarios: a series is stored per statistic and period and served as
 * is; a query for a statistic, period or dimension set nobody scripted finds no data, as CloudWatch answers for a
 * metric without datapoints.
 */
class MetricStore {
  private readonly series = new Map<string, MetricPoint[]>();

  put(spec: MetricSeriesSpec): void {
    const key = seriesKey(spec, spec.stat, spec.periodSeconds);
    const merged = new Map((this.series.get(key) ?? []).map((point) => [point.timestamp.getTime(), point]));
    for (const point of spec.points) {
      merged.set(point.timestamp.getTime(), { timestamp: new Date(point.timestamp.getTime()), value: point.value });
    }
    this.series.set(key, [...merged.values()].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime()));
  }

  /** The points in [startTime, endTime), oldest first. */
  query(query: MetricQuery): MetricPoint[] {
    const start = query.startTime.getTime();
    const end = query.endTime.getTime();
    return (this.series.get(seriesKey(query, query.stat, query.periodSeconds)) ?? []).filter(
      (point) => point.timestamp.getTime() >= start && point.timestamp.getTime() < end,
    );
  }
}

export { MetricStore };
export type { MetricIdentity, MetricPoint, MetricQuery, MetricSeriesSpec };
