import { describe, expect, it } from '@jest/globals';
import { parseAnalysisConfig } from '../../src/analysis-config.js';
import { LifecycleHookConfigError } from '../../src/errors.js';

const messageOf = (input: unknown): string => {
  try {
    parseAnalysisConfig(input, 'GREENLIGHT_CONFIG');
  } catch (error) {
    expect(error).toBeInstanceOf(LifecycleHookConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the analysis section to be rejected');
};

const ERROR_RATE = { metric: 'errorRate', max: 0.02, maxOverBlue: 0.01 };

describe('parseAnalysisConfig', () => {
  it('applies the documented defaults', () => {
    // Act
    const analysis = parseAnalysisConfig({ metrics: [ERROR_RATE] });

    // Assess
    expect(analysis).toEqual({
      windowSeconds: 300,
      periodSeconds: 60,
      minRequests: 100,
      significance: 0.05,
      inconclusive: 'fail',
      metrics: [ERROR_RATE],
    });
  });

  it('accepts every documented field', () => {
    // Prepare
    const input = {
      loadBalancer: 'app/shop/50dc6c495c0c9188',
      targetGroups: ['targetgroup/shop-blue/73e2d6bc24d8a067', 'targetgroup/shop-green/943f017f100becff'],
      windowSeconds: 600,
      periodSeconds: 120,
      minRequests: 500,
      significance: 0.01,
      inconclusive: 'wait',
      metrics: [ERROR_RATE, { metric: 'p95LatencyMs', max: 800, maxRatioToBlue: 1.2 }, { metric: 'unhealthyHosts', max: 0 }],
    };

    // Act
    const analysis = parseAnalysisConfig(input);

    // Assess
    expect(analysis).toEqual(input);
  });

  it.each([
    ['no metric', {}, /GREENLIGHT_CONFIG is invalid: analysis\.metrics: expected a value \(the field is required\)/],
    ['an empty list of metrics', { metrics: [] }, /analysis\.metrics: expected at least one metric: an empty analysis would pass green unjudged, received a list/],
    ['an unknown metric', { metrics: [{ metric: 'cpu', max: 1 }] }, /analysis\.metrics\[0\]\.metric: expected one of errorRate, p95LatencyMs, p99LatencyMs, unhealthyHosts, received "cpu"/],
    ['a metric without a limit', { metrics: [{ metric: 'p99LatencyMs' }] }, /analysis\.metrics\[0\]: expected at least one limit \(max, maxOverBlue, maxRatioToBlue\): a metric without one would judge nothing/],
    ['an error rate given in percent', { metrics: [{ metric: 'errorRate', max: 5 }] }, /analysis\.metrics\[0\]\.max: expected a ratio from 0 to 1 for errorRate's max \(0\.01 = 1 %\), received 5/],
    ['a ratio below 1', { metrics: [{ metric: 'p95LatencyMs', maxRatioToBlue: 0.9 }] }, /analysis\.metrics\[0\]\.maxRatioToBlue: expected a ratio from 1 to 100 \(1\.2: at most 20 % above blue\), received 0\.9/],
    ['a period that is not whole minutes', { periodSeconds: 90, metrics: [ERROR_RATE] }, /analysis\.periodSeconds: expected a multiple of 60 seconds from 60 to 3600 \(load balancer metrics are per minute\), received 90/],
    ['a window that is not whole periods', { windowSeconds: 300, periodSeconds: 120, metrics: [ERROR_RATE] }, /analysis\.windowSeconds: expected a whole number of periods \(periodSeconds\) in the window, received 300/],
    ['an unknown inconclusive policy', { inconclusive: 'retry', metrics: [ERROR_RATE] }, /analysis\.inconclusive: expected one of wait, pass, fail, received "retry"/],
    ['a target group given as a full ARN', { loadBalancer: 'app/shop/50dc6c495c0c9188', targetGroups: ['arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/1', 'targetgroup/b/2'], metrics: [ERROR_RATE] }, /analysis\.targetGroups\[0\]: expected the end of a target group's ARN, "targetgroup\/<name>\/<id>"/],
    ['one target group', { loadBalancer: 'app/shop/50dc6c495c0c9188', targetGroups: ['targetgroup/a/1'], metrics: [ERROR_RATE] }, /analysis\.targetGroups: expected exactly two target groups, blue's and green's, received a list/],
    ['target groups without their load balancer', { targetGroups: ['targetgroup/a/1', 'targetgroup/b/2'], metrics: [ERROR_RATE] }, /analysis\.targetGroups: expected loadBalancer and targetGroups together, or neither \(found from the deployment\)/],
    ['a significance level of 1', { significance: 1, metrics: [ERROR_RATE] }, /analysis\.significance: expected a significance level from 0\.001 to 0\.5, received 1/],
    ['a misspelt field', { window: 300, metrics: [ERROR_RATE] }, /analysis\.window: expected only the fields loadBalancer, targetGroups, windowSeconds/],
  ])('rejects %s, naming the field and what was expected', (_case, input, expected) => {
    // Act
    const message = messageOf(input);

    // Assess
    expect(message).toMatch(expected);
  });
});
