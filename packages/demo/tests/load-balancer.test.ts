import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ALL_GREEN, greenShare } from '../src/weights.js';
import { get, versionOf } from './support/backend.js';
import { startBalancedBackends, type BalancedBackends } from './support/balancer.js';

const cleanups: (() => Promise<void>)[] = [];

const startBalancer = async (): Promise<BalancedBackends> => {
  const started = await startBalancedBackends(7);
  cleanups.push(started.close);
  return started;
};

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('LoadBalancer', () => {
  it('splits production requests by weight within binomial sampling error', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    balancer.production.setWeights(greenShare(30));
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const total = 1_000;

    // Act
    const answers = await Promise.all(Array.from({ length: total }, () => get(`${balancer.production.url}/`, agent)));
    agent.destroy();

    // Assess: 4 standard deviations of a binomial(1000, 0.3) count is ±58.
    const green = answers.filter((answer) => versionOf(answer) === 'v2').length;
    const bound = 4 * Math.sqrt(total * 0.3 * 0.7);
    expect(Math.abs(green - total * 0.3)).toBeLessThanOrEqual(bound);
    expect(balancer.production.stats.routed).toEqual({ blue: total - green, green });
  });

  it('routes each request on a kept-alive connection on its own, as an ALB does', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    balancer.production.setWeights(greenShare(50));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });

    // Act
    const versions = new Set<string>();
    for (let index = 0; index < 40; index++) versions.add(versionOf(await get(`${balancer.production.url}/`, agent)));
    agent.destroy();

    // Assess
    expect(versions).toEqual(new Set(['v1', 'v2']));
  });

  it('keeps the test and production listeners independent', async () => {
    // Prepare
    const { balancer } = await startBalancer();

    // Act
    balancer.test.setWeights(ALL_GREEN);
    const [production, test] = await Promise.all([
      get(`${balancer.production.url}/`),
      get(`${balancer.test.url}/`),
    ]);

    // Assess
    expect(versionOf(production)).toBe('v1');
    expect(versionOf(test)).toBe('v2');
  });

  it('applies a weight change atomically: every request after the swap goes to green', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const before = await Promise.all(Array.from({ length: 50 }, () => get(`${balancer.production.url}/`, agent)));

    // Act
    balancer.production.setWeights(ALL_GREEN);
    const after = await Promise.all(Array.from({ length: 50 }, () => get(`${balancer.production.url}/`, agent)));
    agent.destroy();

    // Assess
    expect(new Set(before.map(versionOf))).toEqual(new Set(['v1']));
    expect(new Set(after.map(versionOf))).toEqual(new Set(['v2']));
  });

  it('finishes in-flight requests on blue across a swap and a deregistration, dropping none', async () => {
    // Prepare
    const { balancer, blue } = await startBalancer();
    const inFlight = Array.from({ length: 10 }, () => get(`${balancer.production.url}/?delay=400`));
    while (balancer.blue.stats.inFlight < 10) await new Promise((resolve) => setTimeout(resolve, 10));

    // Act
    balancer.production.setWeights(ALL_GREEN);
    let drained = false;
    const deregistered = balancer.blue.deregister().then(() => (drained = true));
    const answeredWhenSwapped = blue.answered();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drainedWhileInFlight = drained;
    const answers = await Promise.all(inFlight);
    await deregistered;

    // Assess
    expect(answeredWhenSwapped).toBe(0);
    expect(drainedWhileInFlight).toBe(false);
    expect(drained).toBe(true);
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(new Set(answers.map(versionOf))).toEqual(new Set(['v1']));
    expect(balancer.blue.stats).toEqual({ forwarded: 10, failed: 0, inFlight: 0 });
  });

  it('answers 503 for a target group with no registered target, as an ALB does', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    await balancer.green.deregister();

    // Act
    balancer.routeAll(ALL_GREEN);
    const answer = await get(`${balancer.production.url}/`);

    // Assess
    expect(answer.status).toBe(503);
    expect(balancer.green.stats.failed).toBe(1);
  });

  it('answers 502 when the registered target is down', async () => {
    // Prepare
    const { balancer, blue } = await startBalancer();
    await blue.close();

    // Act
    const answer = await get(`${balancer.production.url}/`);

    // Assess
    expect(answer.status).toBe(502);
  });

  it('records when each target group first served a production request', async () => {
    // Prepare
    const { balancer } = await startBalancer();
    await get(`${balancer.production.url}/`);
    const beforeGreen = Date.now();

    // Act
    balancer.production.setWeights(ALL_GREEN);
    await get(`${balancer.production.url}/`);

    // Assess
    const { firstServedAt } = balancer.production.stats;
    expect(firstServedAt.blue).toBeLessThanOrEqual(beforeGreen);
    expect(firstServedAt.green).toBeGreaterThanOrEqual(beforeGreen);
  });
});
