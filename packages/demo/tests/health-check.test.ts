import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { TargetHealthError } from '../src/errors.js';
import { waitUntilHealthy } from '../src/health-check.js';

/** A target whose /health answers 503 for its first `unhealthyAnswers` checks, then 200. */
const startTarget = async (unhealthyAnswers: number): Promise<{ port: number; checks: () => number; close: () => Promise<void> }> => {
  let checks = 0;
  const server = createServer((_request, response) => {
    checks++;
    response.writeHead(checks > unhealthyAnswers ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    checks: () => checks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe('waitUntilHealthy', () => {
  it('resolves once the target has passed the healthy threshold in a row', async () => {
    // Prepare
    const target = await startTarget(3);

    // Act
    await waitUntilHealthy({ port: target.port, path: '/health', healthyThreshold: 2, intervalMs: 10, timeoutMs: 10_000 });
    await target.close();

    // Assess: three 503s, then the two 200s in a row the threshold asks for.
    expect(target.checks()).toBe(5);
  });

  it('gives up with a message naming the port, the path and the threshold when the target stays unhealthy', async () => {
    // Prepare
    const target = await startTarget(Number.POSITIVE_INFINITY);

    // Act
    const waiting = waitUntilHealthy({ port: target.port, path: '/health', healthyThreshold: 2, intervalMs: 10, timeoutMs: 200 });

    // Assess
    await expect(waiting).rejects.toThrow(TargetHealthError);
    await expect(waiting).rejects.toThrow(`the target on port ${target.port} did not pass GET /health 2 times in a row`);
    await target.close();
  });
});
