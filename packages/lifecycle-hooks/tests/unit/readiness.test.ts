import { describe, expect, it } from '@jest/globals';
import { waitUntilReady } from '../../src/readiness.js';
import type { CheckResult } from '../../src/results.js';

const result = (passed: boolean): CheckResult => ({
  name: 'probe',
  passed,
  requests: 1,
  failures: passed ? 0 : 1,
  latency: { p50Ms: 1, p95Ms: 1, maxMs: 1 },
  ...(passed ? {} : { reason: 'status 503, expected 2xx' }),
});

const probeFailing = (times: number) => {
  let calls = 0;
  return {
    probe: () => Promise.resolve(result(++calls > times)),
    calls: () => calls,
  };
};

describe('waitUntilReady', () => {
  it('is ready at once when the first probe passes', async () => {
    // Prepare
    const { probe, calls } = probeFailing(0);

    // Act
    const readiness = await waitUntilReady({ probe, readyBy: Date.now() + 10_000 });

    // Assess
    expect(readiness).toEqual(expect.objectContaining({ ready: true, attempts: 1 }));
    expect(calls()).toBe(1);
  });

  it('retries the probe until it passes', async () => {
    // Prepare
    const { probe } = probeFailing(2);
    const seen: boolean[] = [];

    // Act
    const readiness = await waitUntilReady({ probe, readyBy: Date.now() + 30_000, onAttempt: (last) => seen.push(last.passed) });

    // Assess
    expect(readiness).toEqual(expect.objectContaining({ ready: true, attempts: 3 }));
    expect(seen).toEqual([false, false, true]);
  });

  it('gives up when the readiness window ends, returning the last failure', async () => {
    // Prepare
    const { probe, calls } = probeFailing(Number.POSITIVE_INFINITY);

    // Act
    const readiness = await waitUntilReady({ probe, readyBy: Date.now() + 1_500 });

    // Assess
    expect(readiness.ready).toBe(false);
    expect(readiness.last.reason).toBe('status 503, expected 2xx');
    expect(calls()).toBeGreaterThanOrEqual(2);
    expect(calls()).toBe(readiness.attempts);
  });

  it('makes exactly one attempt when the window is already over', async () => {
    // Prepare
    const { probe, calls } = probeFailing(Number.POSITIVE_INFINITY);

    // Act
    const readiness = await waitUntilReady({ probe, readyBy: Date.now() });

    // Assess
    expect(readiness).toEqual(expect.objectContaining({ ready: false, attempts: 1 }));
    expect(calls()).toBe(1);
  });

  it('stops waiting as soon as the budget signal fires', async () => {
    // Prepare
    const { probe } = probeFailing(Number.POSITIVE_INFINITY);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    // Act
    const readiness = await waitUntilReady({ probe, readyBy: Date.now() + 60_000, signal: controller.signal });

    // Assess
    expect(readiness.ready).toBe(false);
    expect(readiness.attempts).toBeLessThanOrEqual(2);
  });
});
