import { describe, expect, it } from '@jest/globals';
import { mannWhitneyU } from '../../src/mann-whitney.js';

// Expected U and p: the example of scipy.stats.mannwhitneyu's documentation (U = 17, asymptotic p = 0.11134688653314041),
// the others computed with scipy 1.17.1 mannwhitneyu(x, y, method="asymptotic"), which applies the same tie and
// continuity corrections.
describe('mannWhitneyU', () => {
  it.each([
    ['the scipy documentation example', [19, 22, 16, 29, 24], [20, 11, 17, 12], 'two-sided', 17, 0.11134688653314041],
    ['the same samples, one-sided', [19, 22, 16, 29, 24], [20, 11, 17, 12], 'greater', 17, 0.055673443266570206],
    ['samples with ties', [1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6], 'two-sided', 3.5, 0.012999854364387305],
    ['samples with ties, asking whether the first is larger', [1, 2, 2, 3, 3, 3, 4], [3, 4, 4, 5, 5, 6], 'greater', 3.5, 0.9957292191510603],
    ['error rates of a worse green against blue', [0.021, 0.034, 0.029, 0.041, 0.038, 0.03], [0.01, 0.012, 0.009, 0.011, 0.013, 0.01], 'greater', 36, 0.0024990623825412285],
    ['overlapping samples of 20', Array.from({ length: 20 }, (_, i) => i + 1), Array.from({ length: 20 }, (_, i) => i + 3.5), 'two-sided', 153, 0.20845355458876536],
  ] as const)('gives the known U and p for %s', (_case, x, y, alternative, expectedU, expectedP) => {
    // Act
    const result = mannWhitneyU(x, y, alternative);

    // Assess
    expect(result.u).toBe(expectedU);
    expect(result.pValue).toBeCloseTo(expectedP, 6);
  });

  it('gives p = 1 when every value is tied', () => {
    // Act
    const result = mannWhitneyU([0.01, 0.01, 0.01], [0.01, 0.01, 0.01, 0.01], 'greater');

    // Assess
    expect(result).toEqual({ u: 6, z: 0, pValue: 1 });
  });

  it('refuses an empty sample', () => {
    // Act
    const run = () => mannWhitneyU([], [1, 2], 'two-sided');

    // Assess
    expect(run).toThrow(new RangeError('the Mann–Whitney test needs at least one value in each sample'));
  });
});
