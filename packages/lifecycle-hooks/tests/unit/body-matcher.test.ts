import { afterEach, describe, expect, it } from '@jest/globals';
import { type BodyMatcher, createBodyMatcher } from '../../src/body-matcher.js';

// Backtracks for hours on V8's engine: 2^34 ways to split the digits before the x rules each out.
const REDOS_PATTERN = '"version":\\s*"(\\d+\\.?)+"';
const redosBody = `{"version": "${'1'.repeat(34)}x"}`;

let matcher: BodyMatcher;

afterEach(() => matcher.close());

describe('createBodyMatcher', () => {
  it('tells a body that matches from one that does not', async () => {
    // Prepare
    matcher = createBodyMatcher();
    const limits = { timeoutMs: 5_000 };

    // Act
    const results = await Promise.all([
      matcher.test('"build":"\\d+"', '{"build":"42"}', limits),
      matcher.test('^ok$', 'ok, mostly', limits),
    ]);

    // Assess
    expect(results).toEqual([
      { done: true, matched: true },
      { done: true, matched: false },
    ]);
  });

  it('cuts a match that backtracks past its time limit while the event loop keeps running, then matches again', async () => {
    // Prepare
    matcher = createBodyMatcher();
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);

    // Act
    const cut = await matcher.test(REDOS_PATTERN, redosBody, { timeoutMs: 300 });
    clearInterval(ticker);
    const next = await matcher.test(REDOS_PATTERN, '{"version": "1.4.2"}', { timeoutMs: 5_000 });

    // Assess
    expect(cut).toEqual({ done: false, reason: expect.stringMatching(/^bodyMatches did not finish within 300 ms \(requestTimeoutMs\)/) });
    expect(ticks).toBeGreaterThan(0);
    expect(next).toEqual({ done: true, matched: true });
  });

  it('cuts a match when the time budget aborts, and runs the matches queued behind it', async () => {
    // Prepare
    matcher = createBodyMatcher();
    const budget = new AbortController();

    // Act
    const [cut, queued] = await Promise.all([
      matcher.test(REDOS_PATTERN, redosBody, { timeoutMs: 60_000, signal: budget.signal }),
      matcher.test('ok', 'ok', { timeoutMs: 60_000 }),
      new Promise<void>((resolve) => setTimeout(() => resolve(budget.abort()), 100)),
    ]);

    // Assess
    expect(cut).toEqual({ done: false, reason: 'aborted: the time budget ran out' });
    expect(queued).toEqual({ done: true, matched: true });
  });

  it('answers every pending match when closed', async () => {
    // Prepare
    matcher = createBodyMatcher();
    const pending = [matcher.test(REDOS_PATTERN, redosBody, { timeoutMs: 60_000 }), matcher.test('ok', 'ok', { timeoutMs: 60_000 })];

    // Act
    setTimeout(() => matcher.close(), 100);
    const results = await Promise.all(pending);

    // Assess
    expect(results).toEqual([
      { done: false, reason: 'aborted: the checks ended' },
      { done: false, reason: 'aborted: the checks ended' },
    ]);
  });
});
