import { describe, expect, it } from '@jest/globals';
import { trafficSteps } from '@greenlight/aws-sim';
import { parseDeploymentConfig } from '../src/deployment-config.js';
import { DemoInputError } from '../src/errors.js';

describe('parseDeploymentConfig', () => {
  it.each([
    ['CodeDeployDefault.ECSAllAtOnce', 'all-at-once', 100, 0],
    ['all-at-once', 'all-at-once', 100, 0],
    ['CodeDeployDefault.ECSCanary10Percent5Minutes', 'canary', 10, 5],
    ['canary:20:2', 'canary', 20, 2],
    ['CodeDeployDefault.ECSLinear10PercentEvery1Minutes', 'linear', 10, 1],
    ['linear:25:3', 'linear', 25, 3],
  ])('reads %s', (value, kind, percent, intervalMinutes) => {
    // Act
    const config = parseDeploymentConfig(value);

    // Assess
    expect(config).toMatchObject({ kind, percent, intervalMinutes });
  });

  it('names a short form by its CodeDeploy name', () => {
    // Act
    const config = parseDeploymentConfig('linear:10:1');

    // Assess
    expect(config.name).toBe('CodeDeployDefault.ECSLinear10PercentEvery1Minute');
  });

  // Whole minutes only: CodeDeploy's time-based configurations have no fractional intervals.
  it.each(['canary:0:5', 'canary:100:5', 'linear:10:0', 'canary:10:0.5', 'blue-green', ''])(
    'refuses %p, naming the option and the accepted forms',
    (value) => {
      // Act
      const parse = (): unknown => parseDeploymentConfig(value);

      // Assess
      expect(parse).toThrow(DemoInputError);
      expect(parse).toThrow('--deployment-config');
    },
  );
});

describe("aws-sim's trafficSteps of the parsed configuration's name", () => {
  it('moves everything at once for all-at-once', () => {
    // Act
    const steps = trafficSteps(parseDeploymentConfig('all-at-once').name);

    // Assess
    expect(steps).toEqual([{ greenPercent: 100, waitSeconds: 0 }]);
  });

  it('holds the canary share for the interval, then moves the rest', () => {
    // Act
    const steps = trafficSteps(parseDeploymentConfig('canary:10:5').name);

    // Assess
    expect(steps).toEqual([
      { greenPercent: 10, waitSeconds: 5 * 60 },
      { greenPercent: 100, waitSeconds: 0 },
    ]);
  });

  it('adds the linear share every interval until green has everything', () => {
    // Act
    const steps = trafficSteps(parseDeploymentConfig('linear:30:1').name);

    // Assess
    expect(steps.map((step) => step.greenPercent)).toEqual([30, 60, 90, 100]);
    expect(steps.map((step) => step.waitSeconds)).toEqual([60, 60, 60, 0]);
  });
});
