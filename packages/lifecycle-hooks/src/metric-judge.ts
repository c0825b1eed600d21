import { mannWhitneyU } from './mann-whitney.js';

/** One target group's values of one metric over the analysis window. */
interface MetricSeries {
  /** One value per interval that had data, oldest first (e.g. each minute's error rate). */
  readonly values: readonly number[];
  /** The whole window's value (e.g. all 5xx over all requests), what absolute limits and small samples judge. */
  readonly aggregate: number;
  /** Requests the target group served in the window: below the minimum, the metric says too little. */
  readonly requests: number;
}

/** Every limit given must hold; larger values are worse for every metric the hook reads. */
interface MetricLimits {
  /** Green's value may not exceed this. */
  readonly max?: number;
  /** Green's value may exceed blue's by at most this much (same unit: 0.01 is one point of error rate). */
  readonly maxOverBlue?: number;
  /** Green's value may be at most this multiple of blue's (1.2: 20 % slower). */
  readonly maxRatioToBlue?: number;
}

interface MetricJudgementInput {
  readonly metric: string;
  readonly green: MetricSeries;
  /** Absent when only absolute limits apply. */
  readonly blue?: MetricSeries;
  readonly limits: MetricLimits;
  readonly minRequests: number;
  /** The rank test's level: green is worse than blue's allowance when p falls below it. */
  readonly significance: number;
}

const JUDGEMENT = { pass: 'pass', fail: 'fail', inconclusive: 'inconclusive' } as const;

type Judgement = (typeof JUDGEMENT)[keyof typeof JUDGEMENT];

/** Which test decided: the window's value against a number, the rank test, or the window's values compared. */
type DecidingTest = 'absolute' | 'mann-whitney' | 'aggregate' | 'none';

interface MetricJudgement {
  readonly metric: string;
  readonly verdict: Judgement;
  readonly green: number;
  readonly blue?: number;
  /** The limit that decided (on a failure) or every limit checked. */
  readonly limit: string;
  readonly test: DecidingTest;
  readonly u?: number;
  readonly pValue?: number;
  readonly reason: string;
}

/**
 * Below this many intervals on either side the rank test cannot reach a useful level (with 5 against 5 the smallest
 * one-sided p is about 0.006), so the window's values are compared instead.
 */
const MIN_INTERVALS_FOR_RANK_TEST = 5;

const format = (value: number): string => String(Number(value.toPrecision(4)));

interface RelativeLimit {
  readonly text: string;
  readonly allow: (blue: number) => number;
}

const relativeLimits = (limits: MetricLimits): RelativeLimit[] => [
  ...(limits.maxOverBlue === undefined
    ? []
    : [{ text: `at most blue + ${format(limits.maxOverBlue)}`, allow: (blue: number) => blue + (limits.maxOverBlue ?? 0) }]),
  ...(limits.maxRatioToBlue === undefined
    ? []
    : [{ text: `at most ${format(limits.maxRatioToBlue)}× blue`, allow: (blue: number) => blue * (limits.maxRatioToBlue ?? 1) }]),
];

const describeLimits = (limits: MetricLimits): string =>
  [...(limits.max === undefined ? [] : [`at most ${format(limits.max)}`]), ...relativeLimits(limits).map((limit) => limit.text)].join(
    ', ',
  );

/**
 * Green against its allowance from blue: with enough intervals on both sides, the one-sided Mann–Whitney test of green
 * against blue's values raised to the allowance (a shifted, non-inferiority style test: a failure means green is
 * significantly worse than the allowance, not merely noisier); otherwise the two window values.
 */
const compareWithBlue = (
  input: MetricJudgementInput & { readonly blue: MetricSeries },
  limit: RelativeLimit,
): Omit<MetricJudgement, 'metric' | 'green' | 'blue'> => {
  const { green, blue, significance } = input;
  if (green.values.length >= MIN_INTERVALS_FOR_RANK_TEST && blue.values.length >= MIN_INTERVALS_FOR_RANK_TEST) {
    const { u, pValue } = mannWhitneyU(green.values, blue.values.map(limit.allow), 'greater');
    const worse = pValue < significance;
    const verdict = worse ? JUDGEMENT.fail : JUDGEMENT.pass;
    const comparison = worse ? 'significantly above' : 'not significantly above';
    return {
      verdict,
      limit: limit.text,
      test: 'mann-whitney',
      u,
      pValue,
      reason: `green's ${input.metric} per interval is ${comparison} ${limit.text} (Mann–Whitney U = ${format(u)}, p = ${format(pValue)}, level ${format(significance)}, ${green.values.length} against ${blue.values.length} intervals)`,
    };
  }
  const allowed = limit.allow(blue.aggregate);
  const worse = green.aggregate > allowed;
  return {
    verdict: worse ? JUDGEMENT.fail : JUDGEMENT.pass,
    limit: limit.text,
    test: 'aggregate',
    reason: `green's ${input.metric} ${format(green.aggregate)} is ${worse ? 'above' : 'within'} ${limit.text} (${format(allowed)}; too few intervals for the rank test: ${green.values.length} and ${blue.values.length}, ${MIN_INTERVALS_FOR_RANK_TEST} needed)`,
  };
};

/** Judges one metric against its limits: pass, fail, or inconclusive when too few requests were served to tell. */
const judgeMetric = (input: MetricJudgementInput): MetricJudgement => {
  const { green, blue, limits, metric, minRequests } = input;
  const base = { metric, green: green.aggregate, ...(blue === undefined ? {} : { blue: blue.aggregate }) };
  if (green.requests < minRequests) {
    return {
      ...base,
      verdict: JUDGEMENT.inconclusive,
      limit: describeLimits(limits),
      test: 'none',
      reason: `green served ${green.requests} requests in the window, fewer than the ${minRequests} needed to judge ${metric}`,
    };
  }
  if (limits.max !== undefined && green.aggregate > limits.max) {
    return {
      ...base,
      verdict: JUDGEMENT.fail,
      limit: `at most ${format(limits.max)}`,
      test: 'absolute',
      reason: `green's ${metric} ${format(green.aggregate)} is above the limit ${format(limits.max)}`,
    };
  }
  const relative = relativeLimits(limits);
  if (relative.length > 0 && (blue === undefined || blue.requests < minRequests)) {
    return {
      ...base,
      verdict: JUDGEMENT.inconclusive,
      limit: describeLimits(limits),
      test: 'none',
      reason: `blue served ${blue?.requests ?? 0} requests in the window, fewer than the ${minRequests} needed to compare ${metric} with it`,
    };
  }
  const comparisons = blue === undefined ? [] : relative.map((limit) => compareWithBlue({ ...input, blue }, limit));
  const failed = comparisons.find((comparison) => comparison.verdict === JUDGEMENT.fail);
  if (failed !== undefined) {
    return { ...base, ...failed };
  }
  const decided = comparisons.at(-1);
  return {
    ...base,
    verdict: JUDGEMENT.pass,
    limit: describeLimits(limits),
    test: decided?.test ?? 'absolute',
    ...(decided?.u === undefined ? {} : { u: decided.u }),
    ...(decided?.pValue === undefined ? {} : { pValue: decided.pValue }),
    reason: [
      ...(limits.max === undefined ? [] : [`green's ${metric} ${format(green.aggregate)} is within the limit ${format(limits.max)}`]),
      ...comparisons.map((comparison) => comparison.reason),
    ].join('; '),
  };
};

/** What an inconclusive analysis means: keep waiting for traffic (where the stage can), pass, or fail. */
type InconclusivePolicy = 'wait' | 'pass' | 'fail';

type AnalysisOutcome = Judgement | 'wait';

/** Any failed metric fails the analysis; otherwise an inconclusive one makes it what the policy says. */
const decideAnalysis = (judgements: readonly MetricJudgement[], inconclusive: InconclusivePolicy): AnalysisOutcome => {
  if (judgements.some((judgement) => judgement.verdict === JUDGEMENT.fail)) {
    return JUDGEMENT.fail;
  }
  if (judgements.some((judgement) => judgement.verdict === JUDGEMENT.inconclusive)) {
    return inconclusive;
  }
  return JUDGEMENT.pass;
};

export { decideAnalysis, judgeMetric, MIN_INTERVALS_FOR_RANK_TEST };
export type { AnalysisOutcome, InconclusivePolicy, MetricJudgement, MetricJudgementInput, MetricLimits, MetricSeries };
