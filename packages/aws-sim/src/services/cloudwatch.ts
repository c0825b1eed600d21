import type { MetricStore } from '../engine/metric-store.js';
import { AwsServiceError } from '../errors.js';
import { constraintError, optionalList, optionalObject, optionalString, requiredString, type Input } from './input.js';
import type { ServiceDefinition } from './service.js';

// CloudWatch API reference, GetMetricData and MetricDataQuery: at most 500 queries; an Id starts with a lowercase
// letter and holds letters, digits and underscores; a high-resolution period is 1, 5, 10, 20 or 30 s, any other a
// multiple of 60.
const MAX_QUERIES = 500;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]{0,254}$/;
const HIGH_RESOLUTION_PERIODS = new Set([1, 5, 10, 20, 30]);

/** The query-compatible error CloudWatch answers bad parameters with (x-amzn-query-error `InvalidParameterValue`). */
const invalidParameter = (message: string): AwsServiceError => new AwsServiceError('InvalidParameterValueException', message);

/** JSON 1.0 timestamps are epoch seconds, fractions allowed. */
const requiredTimestamp = (input: Input, member: string): Date => {
  const value = input[member];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw constraintError(value, member, 'Member must not be null');
  }
  return new Date(value * 1_000);
};

const boundedDimensionText = (text: string, member: string): string => {
  if (text.length > 1_024) {
    throw constraintError(text, member, 'Member must have length less than or equal to 1024');
  }
  return text;
};

const dimensionsOf = (metric: Input): Record<string, string> =>
  Object.fromEntries(
    (optionalList(metric, 'Dimensions') ?? []).map((item, index): [string, string] => {
      const dimension = typeof item === 'object' && item !== null ? (item as Input) : {};
      const member = `Dimensions.${index + 1}`;
      return [boundedDimensionText(requiredString(dimension, 'Name'), member), boundedDimensionText(optionalString(dimension, 'Value') ?? '', member)];
    }),
  );

const periodOf = (metricStat: Input, id: string): number => {
  const period = metricStat['Period'];
  if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || (!HIGH_RESOLUTION_PERIODS.has(period) && period % 60 !== 0)) {
    throw invalidParameter(`The value ${String(period)} for parameter MetricDataQueries.member.${id}.MetricStat.Period is not a valid period: use 1, 5, 10, 20, 30 or a multiple of 60.`);
  }
  return period;
};

/** CloudWatch (GraniteServiceVersion20100801, AWS JSON 1.0 as the installed SDK sends it): GetMetricData over scripted series. */
const cloudWatchService = (metrics: MetricStore): ServiceDefinition => ({
  service: 'cloudwatch',
  signingName: 'monitoring',
  operations: {
    GetMetricData: (input) => {
      const queries = (optionalList(input, 'MetricDataQueries') ?? []).map((item) =>
        typeof item === 'object' && item !== null ? (item as Input) : {},
      );
      if (queries.length === 0 || queries.length > MAX_QUERIES) {
        throw constraintError(queries.length, 'metricDataQueries', `Member must have length between 1 and ${MAX_QUERIES}`);
      }
      const startTime = requiredTimestamp(input, 'StartTime');
      const endTime = requiredTimestamp(input, 'EndTime');
      if (startTime.getTime() >= endTime.getTime()) {
        throw invalidParameter('The parameter StartTime must be less than the parameter EndTime.');
      }
      const scanBy = optionalString(input, 'ScanBy') ?? 'TimestampDescending';
      if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
        throw constraintError(scanBy, 'scanBy', 'Member must satisfy enum value set: [TimestampDescending, TimestampAscending]');
      }
      const ids = new Set<string>();
      const results = queries.map((query) => {
        const id = requiredString(query, 'Id');
        if (!QUERY_ID.test(id)) {
          throw invalidParameter(`The value ${id} for parameter MetricDataQueries.member.Id is invalid: it must start with a lowercase letter and hold only letters, digits and underscores.`);
        }
        if (ids.has(id)) {
          throw invalidParameter(`The values for parameter id in MetricDataQueries are not unique: ${id}.`);
        }
        ids.add(id);
        if (query['Expression'] !== undefined) {
          throw invalidParameter(`aws-sim does not model metric math: query ${id} has an Expression; query each metric with MetricStat.`);
        }
        const metricStat = optionalObject(query, 'MetricStat');
        if (metricStat === undefined) {
          throw invalidParameter(`The parameter MetricDataQueries.member.${id} must contain exactly one of MetricStat or Expression.`);
        }
        const metric = optionalObject(metricStat, 'Metric') ?? {};
        const metricName = requiredString(metric, 'MetricName');
        const points = metrics.query({
          namespace: requiredString(metric, 'Namespace'),
          metricName,
          dimensions: dimensionsOf(metric),
          stat: requiredString(metricStat, 'Stat'),
          periodSeconds: periodOf(metricStat, id),
          startTime,
          endTime,
        });
        const ordered = scanBy === 'TimestampAscending' ? points : [...points].reverse();
        return {
          returned: query['ReturnData'] !== false,
          result: {
            Id: id,
            Label: optionalString(query, 'Label') ?? metricName,
            Timestamps: ordered.map((point) => point.timestamp),
            Values: ordered.map((point) => point.value),
            StatusCode: 'Complete',
          },
        };
      });
      return { MetricDataResults: results.filter((entry) => entry.returned).map((entry) => entry.result), Messages: [] };
    },
  },
});

export { cloudWatchService };
