import { describe, expect, it } from '@jest/globals';
import { planBudget } from '../../src/budget.js';

describe('planBudget', () => {
  it('keeps the reporting margin back from the checks on a long invocation', () => {
    // Prepare
    const before = Date.now();

    // Act
    const budget = planBudget(300_000);

    // Assess
    expect(budget.checksDeadline - before).toBeGreaterThanOrEqual(290_000);
    expect(budget.checksDeadline - before).toBeLessThanOrEqual(290_000 + (Date.now() - before));
    expect(budget.reportDeadline - budget.checksDeadline).toBe(9_500);
  });

  it('caps the margin at a third of a short invocation, so the checks still get time', () => {
    // Act
    const budget = planBudget(3_000);

    // Assess
    expect(budget.reportDeadline - budget.checksDeadline).toBe(1_000 - 300);
  });

  it('honours a custom reporting margin', () => {
    // Act
    const budget = planBudget(60_000, 2_000);

    // Assess
    expect(budget.reportDeadline - budget.checksDeadline).toBe(1_500);
  });
});
