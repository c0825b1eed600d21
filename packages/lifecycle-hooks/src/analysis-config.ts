import * as v from 'valibot';
import { numberBetween, objectMessage, parseWith, wholeNumberBetween } from './config.js';

/**
 * The metrics the analysis can judge, each read per target group from the Application Load Balancer's CloudWatch
 * metrics (namespace AWS/ApplicationELB, dimensions TargetGroup and LoadBalancer): errorRate is
 * HTTPCode_Target_5XX_Count over RequestCount (a ratio, 0.01 = 1 %), the latencies TargetResponseTime's p95 and p99
 * in milliseconds, unhealthyHosts UnHealthyHostCount's maximum. Larger is worse for all of them.
 */
const ANALYSIS_METRICS = ['errorRate', 'p95LatencyMs', 'p99LatencyMs', 'unhealthyHosts'] as const;

const INCONCLUSIVE_POLICIES = ['wait', 'pass', 'fail'] as const;

const ANALYSIS_DEFAULTS = {
  windowSeconds: 300,
  periodSeconds: 60,
  minRequests: 100,
  significance: 0.05,
  // Too little traffic to judge is not evidence that green is good.
  inconclusive: 'fail',
} as const;

// CloudWatch dimension values as the load balancer's and target group's ARNs end: "app/<name>/<id>" and
// "targetgroup/<name>/<id>" (Elastic Load Balancing User Guide, CloudWatch metrics for your Application Load Balancer).
const LOAD_BALANCER_DIMENSION = /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{1,32}$/;
const TARGET_GROUP_DIMENSION = /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{1,32}$/;

const LOAD_BALANCER_EXPECTATION = 'expected the end of the load balancer\'s ARN, "app/<name>/<id>", e.g. "app/shop/50dc6c495c0c9188"';
const TARGET_GROUP_EXPECTATION =
  'expected the end of a target group\'s ARN, "targetgroup/<name>/<id>", e.g. "targetgroup/shop-blue/73e2d6bc24d8a067"';

const LIMIT_FIELDS = ['max', 'maxOverBlue', 'maxRatioToBlue'] as const;

const metricSchema = v.pipe(
  v.strictObject(
    {
      metric: v.picklist(ANALYSIS_METRICS, `expected one of ${ANALYSIS_METRICS.join(', ')}`),
      max: v.optional(numberBetween(0, Number.MAX_SAFE_INTEGER, 'expected a number ≥ 0')),
      maxOverBlue: v.optional(numberBetween(0, Number.MAX_SAFE_INTEGER, 'expected a number ≥ 0')),
      maxRatioToBlue: v.optional(numberBetween(1, 100, 'expected a ratio from 1 to 100 (1.2: at most 20 % above blue)')),
    },
    objectMessage('metric, max, maxOverBlue, maxRatioToBlue'),
  ),
  v.check(
    (metric) => LIMIT_FIELDS.some((field) => metric[field] !== undefined),
    `expected at least one limit (${LIMIT_FIELDS.join(', ')}): a metric without one would judge nothing`,
  ),
  v.forward(
    v.check(
      (metric) => metric.metric !== 'errorRate' || (metric.max ?? 0) <= 1,
      "expected a ratio from 0 to 1 for errorRate's max (0.01 = 1 %)",
    ),
    ['max'],
  ),
  v.forward(
    v.check(
      (metric) => metric.metric !== 'errorRate' || (metric.maxOverBlue ?? 0) <= 1,
      "expected a ratio from 0 to 1 for errorRate's maxOverBlue (0.01 = one point above blue's rate)",
    ),
    ['maxOverBlue'],
  ),
);

const analysisSchema = v.pipe(
  v.strictObject(
    {
      loadBalancer: v.optional(v.pipe(v.string(LOAD_BALANCER_EXPECTATION), v.regex(LOAD_BALANCER_DIMENSION, LOAD_BALANCER_EXPECTATION))),
      // The deployment's two target groups; which one is green changes with every deployment and is read from it.
      targetGroups: v.optional(
        v.pipe(
          v.array(v.pipe(v.string(TARGET_GROUP_EXPECTATION), v.regex(TARGET_GROUP_DIMENSION, TARGET_GROUP_EXPECTATION)), 'expected a list of the two target groups'),
          v.length(2, 'expected exactly two target groups, blue\'s and green\'s'),
        ),
      ),
      windowSeconds: v.optional(
        wholeNumberBetween(60, 3_600, 'expected a whole number of seconds from 60 to 3600'),
        ANALYSIS_DEFAULTS.windowSeconds,
      ),
      periodSeconds: v.optional(
        v.pipe(
          wholeNumberBetween(60, 3_600, 'expected a multiple of 60 seconds from 60 to 3600 (load balancer metrics are per minute)'),
          v.multipleOf(60, 'expected a multiple of 60 seconds from 60 to 3600 (load balancer metrics are per minute)'),
        ),
        ANALYSIS_DEFAULTS.periodSeconds,
      ),
      minRequests: v.optional(
        wholeNumberBetween(1, 1_000_000_000, 'expected a whole number of requests ≥ 1'),
        ANALYSIS_DEFAULTS.minRequests,
      ),
      significance: v.optional(
        numberBetween(0.001, 0.5, 'expected a significance level from 0.001 to 0.5'),
        ANALYSIS_DEFAULTS.significance,
      ),
      inconclusive: v.optional(
        v.picklist(INCONCLUSIVE_POLICIES, `expected one of ${INCONCLUSIVE_POLICIES.join(', ')}`),
        ANALYSIS_DEFAULTS.inconclusive,
      ),
      metrics: v.pipe(
        v.array(metricSchema, 'expected a list of metrics'),
        v.minLength(1, 'expected at least one metric: an empty analysis would pass green unjudged'),
      ),
    },
    objectMessage('loadBalancer, targetGroups, windowSeconds, periodSeconds, minRequests, significance, inconclusive, metrics'),
  ),
  v.forward(
    v.check(
      (analysis) => analysis.windowSeconds % analysis.periodSeconds === 0,
      'expected a whole number of periods (periodSeconds) in the window',
    ),
    ['windowSeconds'],
  ),
  v.forward(
    v.check(
      (analysis) => (analysis.loadBalancer === undefined) === (analysis.targetGroups === undefined),
      'expected loadBalancer and targetGroups together, or neither (found from the deployment)',
    ),
    ['targetGroups'],
  ),
);

type AnalysisConfig = v.InferOutput<typeof analysisSchema>;
type AnalysisMetricConfig = AnalysisConfig['metrics'][number];

/** Validates an `analysis` section; every problem names its field under `analysis.`. */
const parseAnalysisConfig = (input: unknown, source = 'config'): AnalysisConfig =>
  parseWith(v.object({ analysis: analysisSchema }), { analysis: input }, source).analysis;

export { ANALYSIS_DEFAULTS, ANALYSIS_METRICS, parseAnalysisConfig };
export type { AnalysisConfig, AnalysisMetricConfig };
