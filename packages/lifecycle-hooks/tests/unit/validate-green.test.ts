import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseHookConfig } from '../../src/config.js';
import { createJsonLogger } from '../../src/logger.js';
import { type CustomCheck, validateGreen } from '../../src/validate-green.js';
import { type GreenApp, startGreenApp } from '../support/green-app.js';

let green: GreenApp;

beforeAll(async () => {
  green = await startGreenApp();
});

afterAll(async () => {
  await green.stop();
});

const quietLogger = createJsonLogger(() => undefined);

describe('validateGreen', () => {
  it('fails, never succeeds, when the budget ends between two checks that would pass', async () => {
    // Prepare
    // Passes just as the budget ends, as a check finishing on the last millisecond would.
    const slowButPassing: CustomCheck = { name: 'slow', run: ({ signal }) => sleep(30_000, true, { signal }).catch(() => true) };
    const neverReached: CustomCheck = { name: 'never reached', run: () => Promise.resolve(true) };

    // Act
    const validation = await validateGreen({
      config: parseHookConfig({ checks: [{ path: '/' }] }),
      targetUrl: green.url,
      readyBy: Date.now(),
      signal: AbortSignal.timeout(2_000),
      customChecks: [slowButPassing, neverReached],
      logger: quietLogger,
    });

    // Assess
    expect(validation).toEqual({
      ready: true,
      verdict: expect.objectContaining({ status: 'Failed', reason: 'time budget ran out after 2 of 3 checks' }),
    });
  });

  it('names the first failing check in the verdict, having run them all', async () => {
    // Prepare
    green.behave((request) => ({ status: request.url === '/b' ? 500 : 200 }));

    // Act
    const validation = await validateGreen({
      config: parseHookConfig({ checks: [{ path: '/a' }, { path: '/b' }, { path: '/c' }] }),
      targetUrl: green.url,
      readyBy: Date.now(),
      signal: AbortSignal.timeout(10_000),
      customChecks: [],
      logger: quietLogger,
    });

    // Assess
    expect(validation).toEqual({
      ready: true,
      verdict: expect.objectContaining({ status: 'Failed', reason: 'check "GET /b" failed: 1 of 1 requests failed: status 500, expected 2xx' }),
    });
    expect(validation.ready && validation.verdict.checks.map((check) => check.passed)).toEqual([true, false, true]);
  });
});
