import { afterAll, describe, expect, it } from '@jest/globals';
import { createBodyMatcher } from '../../src/body-matcher.js';
import { type ExpectConfig, parseHookConfig } from '../../src/config.js';
import { needsBody, responseProblem } from '../../src/response-expectations.js';

/** The expectations as the hook sees them after validation, defaults applied. */
const expectationsOf = (fields: Record<string, unknown>): ExpectConfig => {
  const [check] = parseHookConfig({ checks: [{ path: '/', expect: fields }] }).checks;
  if (check === undefined) {
    throw new Error('the parsed config lost its only check');
  }
  return check.expect;
};

const matcher = createBodyMatcher();
afterAll(() => matcher.close());
const matchBody = (pattern: string, body: string) => matcher.test(pattern, body, { timeoutMs: 5_000 });

const answer = (status: number, body?: string, latencyMs = 5) => ({ ok: true as const, status, body, latencyMs });

describe('response expectations', () => {
  it.each([
    ['the default 2xx class', {}, answer(204)],
    ['a listed status code', { status: [200, 301] }, answer(301)],
    ['a 3xx class', { status: '3xx' }, answer(308)],
    ['a body pattern', { bodyMatches: '"build":"\\d+"' }, answer(200, '{"build":"42"}')],
    ['a JSON value anywhere in the document', { json: { '/items/1/ok': true } }, answer(200, '{"items":[{},{"ok":true}]}')],
    ['a latency bound met exactly', { maxLatencyMs: 5 }, answer(200, '', 5)],
  ])('accepts an answer meeting %s', async (_case, fields, outcome) => {
    // Prepare
    const expectations = expectationsOf(fields);

    // Act
    const problem = await responseProblem(expectations, outcome, matchBody);

    // Assess
    expect(problem).toBeUndefined();
  });

  it.each([
    ['a status outside the list', { status: [200, 204] }, answer(201), 'status 201, expected one of 200, 204'],
    ['a status other than the one expected', { status: 200 }, answer(202), 'status 202, expected 200'],
    ['a status of another class', { status: '2xx' }, answer(302), 'status 302, expected 2xx'],
    ['a body not matching the pattern', { bodyMatches: '^ok$' }, answer(200, 'ok, mostly'), 'body does not match /^ok$/'],
    ['a missing JSON value', { json: { '/version': '1.2.0' } }, answer(200, '{"status":"ok"}'), 'JSON /version is missing, expected "1.2.0"'],
    ['a body that is not JSON', { json: { '': {} } }, answer(200, '<html>'), 'body is not JSON, expected values at '],
    ['a failed request', {}, { ok: false as const, error: 'ECONNRESET', latencyMs: 1 }, 'request failed: ECONNRESET'],
  ])('rejects %s, saying what was expected', async (_case, fields, outcome, reason) => {
    // Prepare
    const expectations = expectationsOf(fields);

    // Act
    const problem = await responseProblem(expectations, outcome, matchBody);

    // Assess
    expect(problem).toBe(reason);
  });

  it('reads the body only for expectations about it, so load probes can drain it unread', () => {
    // Prepare
    const statusOnly = expectationsOf({ status: 200, maxLatencyMs: 100 });
    const aboutTheBody = [{ bodyIncludes: 'ok' }, { bodyMatches: 'ok' }, { json: { '/ok': true } }].map(expectationsOf);

    // Act
    const needs = [statusOnly, ...aboutTheBody].map(needsBody);

    // Assess
    expect(needs).toEqual([false, true, true, true]);
  });
});
