import { describe, expect, it } from '@jest/globals';
import { percentile, summarizeLatencies } from '../../src/latency.js';

describe('latency percentiles', () => {
  it('takes the nearest-rank percentile of ascending samples', () => {
    // Prepare
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);

    // Act
    const [p50, p95, p100] = [percentile(samples, 50), percentile(samples, 95), percentile(samples, 100)];

    // Assess
    expect([p50, p95, p100]).toEqual([50, 95, 100]);
  });

  it('summarizes unsorted samples into p50, p95 and max rounded to 0.1 ms', () => {
    // Act
    const summary = summarizeLatencies([12.345, 3.01, 7.5, 100.06, 9]);

    // Assess
    expect(summary).toEqual({ p50Ms: 9, p95Ms: 100.1, maxMs: 100.1 });
  });

  it('reports zeros when no request completed', () => {
    // Act
    const summary = summarizeLatencies([]);

    // Assess
    expect(summary).toEqual({ p50Ms: 0, p95Ms: 0, maxMs: 0 });
  });
});
