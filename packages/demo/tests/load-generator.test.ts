import { afterEach, describe, expect, it } from '@jest/globals';
import { LoadGenerator, tallyDifference } from '../src/load-generator.js';
import { ALL_GREEN } from '../src/weights.js';
import { startBackend } from './support/backend.js';
import { startBalancedBackends, type BalancedBackends } from './support/balancer.js';

const cleanups: (() => Promise<void>)[] = [];

const startBalancer = async (): Promise<BalancedBackends> => {
  const started = await startBalancedBackends(1);
  cleanups.push(started.close);
  return started;
};

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('LoadGenerator', () => {
  it('counts every request per phase with the version that answered', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    const generator = new LoadGenerator({ url: balancer.production.url, ratePerSecond: 50, maxDurationMs: 60_000 });

    // Act
    generator.setPhase('blue');
    generator.start();
    await wait(400);
    generator.setPhase('green');
    balancer.production.setWeights(ALL_GREEN);
    await wait(400);
    const report = await generator.stop();

    // Assess
    const [blue, green] = report.phases;
    expect(report.failed).toBe(0);
    expect(blue?.phase).toBe('blue');
    expect(blue?.versions).toEqual({ v1: blue?.sent });
    expect(green?.phase).toBe('green');
    expect(green?.versions).toEqual({ v2: green?.sent });
    expect(report.sent).toBe((blue?.sent ?? 0) + (green?.sent ?? 0));
    expect(report.phaseChanges.map((change) => change.phase)).toEqual(['blue', 'green']);
    expect(report.buckets.reduce((sum, bucket) => sum + bucket.sent, 0)).toBe(report.sent);
  });

  it('counts refused connections and error statuses as failed, with their reasons', async () => {
    // Prepare
    const { balancer, blue } = await startBalancer();
    await blue.close();
    const generator = new LoadGenerator({ url: balancer.production.url, ratePerSecond: 40, maxDurationMs: 60_000 });

    // Act
    generator.start();
    await wait(300);
    const report = await generator.stop();

    // Assess
    expect(report.sent).toBeGreaterThan(0);
    expect(report.failed).toBe(report.sent);
    expect(report.errors.some((error) => error.startsWith('HTTP 502'))).toBe(true);
  });

  it('keeps its rate bounded and stops on its own after the maximum duration', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    const generator = new LoadGenerator({ url: balancer.production.url, ratePerSecond: 20, maxDurationMs: 500 });

    // Act
    generator.start();
    await wait(1_500);
    const report = await generator.stop();

    // Assess: 20/s for 0.5 s is 10 ticks; the timer may fire late on a loaded machine, never early.
    expect(report.sent + report.skipped).toBeLessThanOrEqual(10);
    expect(report.sent).toBeGreaterThan(0);
    expect(balancer.production.stats.routed.blue).toBe(report.sent);
  });

  it('skips ticks rather than queueing when the limit of requests in flight is reached', async () => {
    // Prepare
    const slow = await startBackend('slow');
    cleanups.push(() => slow.close());
    const generator = new LoadGenerator({
      url: `http://127.0.0.1:${slow.port}`,
      path: '/version?delay=600',
      ratePerSecond: 50,
      maxInFlight: 2,
      maxDurationMs: 60_000,
    });

    // Act
    generator.start();
    await wait(300);
    const report = await generator.stop();

    // Assess
    expect(report.sent).toBe(2);
    expect(report.skipped).toBeGreaterThan(0);
    expect(report.versions).toEqual({ slow: 2 });
  });

  it('reports what was answered between two tallies, leaving out versions that did not answer', () => {
    // Prepare
    const earlier = { sent: 10, failed: 1, versions: { v1: 9 } };
    const later = { sent: 25, failed: 1, versions: { v1: 9, v2: 15 } };

    // Act
    const difference = tallyDifference(later, earlier);

    // Assess
    expect(difference).toEqual({ sent: 15, failed: 0, versions: { v2: 15 } });
  });
});
