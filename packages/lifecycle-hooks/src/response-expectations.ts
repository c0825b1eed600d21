import type { BodyMatchResult } from './body-matcher.js';
import type { ExpectConfig } from './config.js';
import type { HttpOutcome } from './http-request.js';
import { jsonEquals, missing, resolveJsonPointer } from './json-pointer.js';

type StatusExpectation = ExpectConfig['status'];

const MAX_QUOTED_LENGTH = 80;

const quote = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
};

const describeStatus = (expected: StatusExpectation): string =>
  Array.isArray(expected) ? `one of ${expected.join(', ')}` : String(expected);

const statusMatches = (status: number, expected: StatusExpectation): boolean => {
  if (typeof expected === 'number') {
    return status === expected;
  }
  if (Array.isArray(expected)) {
    return expected.includes(status);
  }
  return String(status).startsWith(expected.charAt(0)) && status >= 100 && status <= 599;
};

/** Whether the expectations look at the body at all: if not, the body is drained unread for throughput. */
const needsBody = (expect: ExpectConfig): boolean =>
  expect.bodyIncludes !== undefined || expect.bodyMatches !== undefined || expect.json !== undefined;

const jsonProblem = (body: string, expected: Readonly<Record<string, unknown>>): string | undefined => {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return `body is not JSON, expected values at ${Object.keys(expected).join(', ')}`;
  }
  for (const [pointer, wanted] of Object.entries(expected)) {
    const actual = resolveJsonPointer(document, pointer);
    if (actual === missing) {
      return `JSON ${pointer === '' ? '(root)' : pointer} is missing, expected ${quote(wanted)}`;
    }
    if (!jsonEquals(actual, wanted)) {
      return `JSON ${pointer === '' ? '(root)' : pointer} is ${quote(actual)}, expected ${quote(wanted)}`;
    }
  }
  return undefined;
};

/** Matches a body against a pattern off the event loop (see createBodyMatcher). */
type MatchBody = (pattern: string, body: string) => Promise<BodyMatchResult>;

/** Why one response fails the expectations, or undefined when it meets them all. */
const responseProblem = async (expect: ExpectConfig, outcome: HttpOutcome, matchBody: MatchBody): Promise<string | undefined> => {
  if (!outcome.ok) {
    return `request failed: ${outcome.error}`;
  }
  if (!statusMatches(outcome.status, expect.status)) {
    return `status ${outcome.status}, expected ${describeStatus(expect.status)}`;
  }
  const body = outcome.body ?? '';
  if (expect.bodyIncludes !== undefined && !body.includes(expect.bodyIncludes)) {
    return `body does not include ${quote(expect.bodyIncludes)}`;
  }
  if (expect.bodyMatches !== undefined) {
    const match = await matchBody(expect.bodyMatches, body);
    if (!match.done) {
      return match.reason;
    }
    if (!match.matched) {
      return `body does not match /${expect.bodyMatches}/`;
    }
  }
  if (expect.json !== undefined) {
    const problem = jsonProblem(body, expect.json);
    if (problem !== undefined) {
      return problem;
    }
  }
  if (expect.maxLatencyMs !== undefined && outcome.latencyMs > expect.maxLatencyMs) {
    return `took ${Math.round(outcome.latencyMs)} ms, expected at most ${expect.maxLatencyMs} ms`;
  }
  return undefined;
};

export { needsBody, responseProblem };
export type { MatchBody };
