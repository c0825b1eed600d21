import { describe, expect, it } from '@jest/globals';
import { trafficSteps } from '../src/engine/deployment-config.js';

describe('deployment configuration traffic steps', () => {
  it.each([
    ['CodeDeployDefault.ECSAllAtOnce', [[100, 0]]],
    ['CodeDeployDefault.ECSCanary10Percent5Minutes', [[10, 300], [100, 0]]],
    ['CodeDeployDefault.ECSCanary10Percent15Minutes', [[10, 900], [100, 0]]],
    ['CodeDeployDefault.ECSLinear10PercentEvery3Minutes', [...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((p) => [p, 180]), [100, 0]]],
    ['custom-Linear25PercentEvery1Minute', [[25, 60], [50, 60], [75, 60], [100, 0]]],
    ['my-own-config', [[100, 0]]],
  ])('reads %s as its production traffic shifts', (name, expected) => {
    // Act
    const steps = trafficSteps(name);

    // Assess
    expect(steps.map((step) => [step.greenPercent, step.waitSeconds])).toEqual(expected);
  });
});
