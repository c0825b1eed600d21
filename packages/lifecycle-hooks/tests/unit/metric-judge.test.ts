import { describe, expect, it } from '@jest/globals';
import { decideAnalysis, judgeMetric, type MetricJudgement, type MetricJudgementInput } from '../../src/metric-judge.js';

const WORSE_GREEN = [0.021, 0.034, 0.029, 0.041, 0.038, 0.03];
const BLUE = [0.01, 0.012, 0.009, 0.011, 0.013, 0.01];

const errorRate = (overrides: Partial<MetricJudgementInput>): MetricJudgementInput => ({
  metric: 'errorRate',
  green: { values: WORSE_GREEN, aggregate: 0.032, requests: 6_000 },
  blue: { values: BLUE, aggregate: 0.011, requests: 6_000 },
  limits: {},
  minRequests: 100,
  significance: 0.05,
  ...overrides,
});

const judged = (verdict: MetricJudgement['verdict']): MetricJudgement => ({
  metric: 'm',
  verdict,
  green: 0,
  limit: '',
  test: 'none',
  reason: '',
});

describe('judgeMetric', () => {
  it('fails green above an absolute limit, judged on the whole window', () => {
    // Act
    const judgement = judgeMetric(errorRate({ limits: { max: 0.01 } }));

    // Assess
    expect(judgement).toEqual({
      metric: 'errorRate',
      verdict: 'fail',
      green: 0.032,
      blue: 0.011,
      limit: 'at most 0.01',
      test: 'absolute',
      reason: "green's errorRate 0.032 is above the limit 0.01",
    });
  });

  it('fails green significantly above blue plus its allowance, by the Mann–Whitney test of the intervals', () => {
    // Act: blue + 0.005 is still below every green interval, so the ranks (and U, p) are those of green against blue
    const judgement = judgeMetric(errorRate({ limits: { max: 0.05, maxOverBlue: 0.005 } }));

    // Assess
    expect(judgement).toEqual(
      expect.objectContaining({ verdict: 'fail', limit: 'at most blue + 0.005', test: 'mann-whitney', u: 36 }),
    );
    expect(judgement.pValue).toBeCloseTo(0.0024990623825412285, 6);
    expect(judgement.reason).toBe(
      "green's errorRate per interval is significantly above at most blue + 0.005 (Mann–Whitney U = 36, p = 0.002499, level 0.05, 6 against 6 intervals)",
    );
  });

  it('passes green within its ratio to blue, saying which test decided', () => {
    // Prepare: p95 in ms; scipy gives U = 6, p = 0.977 for green against 1.2 × blue
    const input = errorRate({
      metric: 'p95LatencyMs',
      green: { values: [120, 130, 125, 140, 118, 122], aggregate: 140, requests: 6_000 },
      blue: { values: [110, 115, 112, 120, 108, 111], aggregate: 120, requests: 6_000 },
      limits: { max: 500, maxRatioToBlue: 1.2 },
    });

    // Act
    const judgement = judgeMetric(input);

    // Assess
    expect(judgement).toEqual(expect.objectContaining({ verdict: 'pass', limit: 'at most 500, at most 1.2× blue', test: 'mann-whitney', u: 6 }));
    expect(judgement.pValue).toBeCloseTo(0.977336218961014, 6);
    expect(judgement.reason).toMatch(/^green's p95LatencyMs 140 is within the limit 500; green's p95LatencyMs per interval is not significantly above at most 1\.2× blue /);
  });

  it('compares the window values when too few intervals exist for the rank test', () => {
    // Prepare
    const input = errorRate({
      green: { values: [0.04, 0.06], aggregate: 0.05, requests: 500 },
      blue: { values: [0.01, 0.01], aggregate: 0.01, requests: 500 },
      limits: { maxOverBlue: 0.01 },
    });

    // Act
    const judgement = judgeMetric(input);

    // Assess
    expect(judgement).toEqual(expect.objectContaining({ verdict: 'fail', test: 'aggregate', limit: 'at most blue + 0.01' }));
    expect(judgement.reason).toBe(
      "green's errorRate 0.05 is above at most blue + 0.01 (0.02; too few intervals for the rank test: 2 and 2, 5 needed)",
    );
  });

  it('is inconclusive when green served fewer requests than the minimum, whatever its values', () => {
    // Act
    const judgement = judgeMetric(errorRate({ green: { values: [1], aggregate: 1, requests: 12 }, limits: { max: 0.01 } }));

    // Assess
    expect(judgement).toEqual(expect.objectContaining({ verdict: 'inconclusive', test: 'none' }));
    expect(judgement.reason).toBe('green served 12 requests in the window, fewer than the 100 needed to judge errorRate');
  });

  it('is inconclusive against blue when blue served too few requests, or none was measured', () => {
    // Act
    const quietBlue = judgeMetric(errorRate({ blue: { values: [], aggregate: 0, requests: 3 }, limits: { maxRatioToBlue: 2 } }));
    const { metric, green, limits, minRequests, significance } = errorRate({ limits: { maxRatioToBlue: 2 } });
    const noBlue = judgeMetric({ metric, green, limits, minRequests, significance });

    // Assess
    expect(quietBlue.verdict).toBe('inconclusive');
    expect(quietBlue.reason).toBe('blue served 3 requests in the window, fewer than the 100 needed to compare errorRate with it');
    expect(noBlue.verdict).toBe('inconclusive');
  });

  it('still fails on an absolute limit when blue is too quiet to compare with', () => {
    // Act
    const judgement = judgeMetric(errorRate({ blue: { values: [], aggregate: 0, requests: 0 }, limits: { max: 0.01, maxRatioToBlue: 2 } }));

    // Assess
    expect(judgement).toEqual(expect.objectContaining({ verdict: 'fail', test: 'absolute' }));
  });
});

describe('decideAnalysis', () => {
  it.each([
    [['pass', 'inconclusive', 'fail'], 'pass', 'fail'],
    [['pass', 'inconclusive'], 'wait', 'wait'],
    [['pass', 'inconclusive'], 'pass', 'pass'],
    [['pass', 'inconclusive'], 'fail', 'fail'],
    [['pass', 'pass'], 'fail', 'pass'],
  ] as const)('decides %j with inconclusive meaning %s: %s', (verdicts, policy, expected) => {
    // Act
    const outcome = decideAnalysis(verdicts.map(judged), policy);

    // Assess
    expect(outcome).toBe(expected);
  });
});
