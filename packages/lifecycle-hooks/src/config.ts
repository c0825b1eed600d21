import * as v from 'valibot';
import { CHECK_STAGES } from './ecs-stages.js';
import { LifecycleHookConfigError } from './errors.js';

const CONFIG_DEFAULTS = {
  readyTimeoutSeconds: 60,
  requestTimeoutMs: 5_000,
  callBackDelaySeconds: 15,
  method: 'GET',
  requests: 1,
  concurrency: 1,
  status: '2xx',
  successRatio: 1,
} as const;

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Why `source` is not a JavaScript regular expression (the engine's words, without the pattern), or undefined. */
const regExpSyntaxProblem = (source: string): string | undefined => {
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
};

// strictObject reports both unknown and missing keys with its one message: tell the two apart.
const objectMessage =
  (fields: string) =>
  (issue: v.StrictObjectIssue): string =>
    issue.expected === 'never' ? `expected only the fields ${fields} (check the spelling)` : 'expected a value (the field is required)';

// Each bound repeats the one expectation, so every way of missing it gets the same message naming the range.
const numberBetween = (min: number, max: number, expectation: string) =>
  v.pipe(v.number(expectation), v.minValue(min, expectation), v.maxValue(max, expectation));

const wholeNumberBetween = (min: number, max: number, expectation: string) =>
  v.pipe(v.number(expectation), v.integer(expectation), v.minValue(min, expectation), v.maxValue(max, expectation));

const positiveInteger = (max: number, what: string) => wholeNumberBetween(1, max, `expected ${what}`);

// A path relative to the target's origin: "/" then anything but a second "/" or a backslash (URL parsers read
// "//host/x" and "/\host/x" as another host), and no control characters (the URL parser drops tabs and line breaks,
// which would turn "/<tab>/host" into "//host"). Terraform's RE2 reads the same source: the module validates with it.
// eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
const CHECK_PATH = /^\/(?:[^/\\\x00-\x1f\x7f][^\x00-\x1f\x7f]*)?$/;

const PATH_EXPECTATION =
  'expected a path starting with exactly one "/", without control characters, e.g. "/health?deep=1" ("//host/x" would send the check to another host)';

// A DNS host name: dot-separated labels of letters, digits and inner hyphens, at most 63 each, the last starting with
// a letter (so never an IP address, which SNI cannot carry), 253 in all. Also the module's Terraform validation.
const DNS_HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const MAX_HOST_NAME_LENGTH = 253;

const SERVER_NAME_EXPECTATION =
  'expected a DNS host name (letters, digits and hyphens in dot-separated labels, not an IP address), e.g. "shop.example.com"';

const isDnsHostName = (name: string): boolean => name.length <= MAX_HOST_NAME_LENGTH && DNS_HOST_NAME.test(name);

const STATUS_EXPECTATION = 'expected a status code (200), a non-empty list of codes ([200, 204]) or a class ("2xx")';

const statusCode = wholeNumberBetween(100, 599, STATUS_EXPECTATION);

const statusSchema = v.union(
  [
    statusCode,
    v.pipe(v.array(statusCode, STATUS_EXPECTATION), v.minLength(1, STATUS_EXPECTATION)),
    v.pipe(v.string(STATUS_EXPECTATION), v.regex(/^[1-5]xx$/, STATUS_EXPECTATION)),
  ],
  STATUS_EXPECTATION,
);

const expectSchema = v.strictObject(
  {
    status: v.optional(statusSchema, CONFIG_DEFAULTS.status),
    bodyIncludes: v.optional(v.string('expected a string the body must contain')),
    bodyMatches: v.optional(
      v.pipe(
        v.string('expected a regular expression source string'),
        v.check(
          (source) => regExpSyntaxProblem(source) === undefined,
          (issue) =>
            `expected a valid JavaScript regular expression (its source, without slashes): ${regExpSyntaxProblem(String(issue.input))}`,
        ),
      ),
    ),
    json: v.optional(
      v.record(
        v.pipe(
          v.string(),
          v.regex(/^(\/.*)?$/, 'expected JSON-pointer keys ("" or starting with "/", e.g. "/status")'),
        ),
        v.unknown(),
        'expected an object mapping JSON pointers to expected values',
      ),
    ),
    maxLatencyMs: v.optional(positiveInteger(600_000, 'a whole number of milliseconds ≥ 1')),
    successRatio: v.optional(numberBetween(0, 1, 'expected a ratio between 0 and 1'), CONFIG_DEFAULTS.successRatio),
    p95Ms: v.optional(positiveInteger(600_000, 'a whole number of milliseconds ≥ 1')),
  },
  objectMessage('status, bodyIncludes, bodyMatches, json, maxLatencyMs, successRatio, p95Ms'),
);

const stageExpectation =
  `expected one of ${CHECK_STAGES.join(', ')}, the ECS lifecycle stages where green has all the test traffic ` +
  '(TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT move traffic, and are answered without checks)';

const STAGES_EXPECTATION = 'expected a list of ECS lifecycle stages, e.g. ["POST_TEST_TRAFFIC_SHIFT"]';

const stagesSchema = v.pipe(
  v.array(v.picklist(CHECK_STAGES, stageExpectation), STAGES_EXPECTATION),
  v.minLength(1, 'expected at least one stage: a check without stages would never run'),
);

const checkSchema = v.strictObject(
  {
    name: v.optional(v.pipe(v.string('expected a name'), v.minLength(1, 'expected a non-empty name'))),
    method: v.optional(
      v.picklist(HTTP_METHODS, `expected one of ${HTTP_METHODS.join(', ')}`),
      CONFIG_DEFAULTS.method,
    ),
    path: v.pipe(v.string(PATH_EXPECTATION), v.regex(CHECK_PATH, PATH_EXPECTATION)),
    headers: v.optional(v.record(v.string(), v.string(), 'expected an object of header names to string values'), {}),
    body: v.optional(
      v.union(
        [v.string(), v.record(v.string(), v.unknown()), v.array(v.unknown())],
        'expected a string, or an object/array to send as JSON',
      ),
    ),
    requests: v.optional(positiveInteger(100_000, 'a whole number of requests from 1 to 100000'), CONFIG_DEFAULTS.requests),
    concurrency: v.optional(positiveInteger(256, 'a whole number from 1 to 256'), CONFIG_DEFAULTS.concurrency),
    expect: v.optional(expectSchema, {}),
    // ECS native only: CodeDeploy runs one function per lifecycle event, and every check of it.
    stages: v.optional(stagesSchema, () => [...CHECK_STAGES]),
  },
  objectMessage('name, method, path, headers, body, requests, concurrency, expect, stages'),
);

/** Whether a target URL is http(s) without user:password@: the hook never sends such credentials, but logs the URL. */
const isUsableTargetUrl = (text: string): boolean => {
  if (!URL.canParse(text) || !/^https?:\/\//i.test(text)) {
    return false;
  }
  const url = new URL(text);
  return url.username === '' && url.password === '';
};

const TARGET_URL_EXPECTATION =
  'expected an http:// or https:// URL without user:password@ (send credentials as a header in checks[].headers)';

const httpUrl = v.pipe(v.string(TARGET_URL_EXPECTATION), v.check(isUsableTargetUrl, TARGET_URL_EXPECTATION));

const configSchema = v.strictObject(
  {
    targetUrl: v.optional(httpUrl),
    checks: v.pipe(
      v.array(checkSchema, 'expected a list of checks'),
      v.minLength(1, 'expected at least one check: an empty list would pass green untested'),
    ),
    readyTimeoutSeconds: v.optional(
      numberBetween(0, 3_600, 'expected seconds from 0 to 3600'),
      CONFIG_DEFAULTS.readyTimeoutSeconds,
    ),
    requestTimeoutMs: v.optional(
      positiveInteger(120_000, 'a whole number of milliseconds from 1 to 120000'),
      CONFIG_DEFAULTS.requestTimeoutMs,
    ),
    callBackDelaySeconds: v.optional(
      positiveInteger(900, 'a whole number of seconds from 1 to 900'),
      CONFIG_DEFAULTS.callBackDelaySeconds,
    ),
    tls: v.optional(
      v.strictObject(
        {
          ca: v.optional(
            v.pipe(
              v.string('expected PEM text'),
              v.includes('-----BEGIN CERTIFICATE-----', 'expected PEM text with a BEGIN CERTIFICATE block'),
            ),
          ),
          serverName: v.optional(v.pipe(v.string(SERVER_NAME_EXPECTATION), v.check(isDnsHostName, SERVER_NAME_EXPECTATION))),
        },
        objectMessage('ca, serverName'),
      ),
    ),
  },
  objectMessage('targetUrl, checks, readyTimeoutSeconds, requestTimeoutMs, callBackDelaySeconds, tls'),
);

type HookConfigInput = v.InferInput<typeof configSchema>;
type HookConfig = v.InferOutput<typeof configSchema>;
type CheckConfig = HookConfig['checks'][number];
type ExpectConfig = CheckConfig['expect'];

const formatPath = (issue: v.BaseIssue<unknown>): string =>
  (issue.path ?? []).reduce<string>((text, item) => {
    const key = item.key;
    if (typeof key === 'number') {
      return `${text}[${key}]`;
    }
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');

// Header values are often credentials, and so is the user:password@ of a URL: an error message (which ends up in
// logs) must never echo them.
const mayEchoReceived = (path: string, input: unknown): boolean =>
  !/(^|\.)headers(\.|$)/.test(path) && !(typeof input === 'string' && input.includes('@'));

const MAX_ECHO_LENGTH = 60;

const describeReceived = (input: unknown): string => {
  if (Array.isArray(input)) {
    return 'a list';
  }
  if (typeof input === 'object' && input !== null) {
    return 'an object';
  }
  if (input === undefined) {
    return 'nothing';
  }
  if (input === null || typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') {
    const text = JSON.stringify(input);
    return text.length > MAX_ECHO_LENGTH ? `${text.slice(0, MAX_ECHO_LENGTH)}…` : text;
  }
  return `a ${typeof input}`;
};

const describeIssue = (issue: v.BaseIssue<unknown>): string => {
  const path = formatPath(issue);
  const field = path === '' ? '(top level)' : path;
  const expectation = issue.message.startsWith('expected ') ? issue.message : `expected ${issue.expected ?? 'a valid value'}`;
  // A check on a whole object forwarded to one of its fields (v.forward) keeps the object as its input: show the field.
  const input = issue.type === 'check' && issue.path !== undefined ? issue.path.at(-1)?.value : issue.input;
  const received = mayEchoReceived(path, input) ? `, received ${describeReceived(input)}` : '';
  return `${field}: ${expectation}${received}`;
};

/** Validates a config object; the error lists every problem, each naming its field and what was expected. */
const parseWith = <Schema extends v.GenericSchema>(schema: Schema, input: unknown, source: string): v.InferOutput<Schema> => {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const problems = result.issues.map(describeIssue);
    throw new LifecycleHookConfigError(`${source} is invalid: ${problems.join('; ')}`);
  }
  return result.output;
};

const parseHookConfig = (input: unknown, source = 'config'): HookConfig => parseWith(configSchema, input, source);

/** Parses and validates the JSON text of GREENLIGHT_CONFIG (or another named source). */
const parseHookConfigJson = (text: string | undefined, source = 'GREENLIGHT_CONFIG'): HookConfig => {
  if (text === undefined || text.trim() === '') {
    throw new LifecycleHookConfigError(
      `${source} is empty: expected JSON like {"checks":[{"path":"/health"}]} (see the lifecycle-hooks README)`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message quotes a slice of the text, which may hold header secrets: keep only the position.
    const position = /position \d+( \(line \d+ column \d+\))?/.exec((error as Error).message)?.[0];
    const where = position === undefined ? 'the text' : position;
    throw new LifecycleHookConfigError(`${source} is not valid JSON: expected a JSON object, the syntax breaks at ${where}`, {
      cause: error,
    });
  }
  return parseHookConfig(parsed, source);
};

export {
  CHECK_PATH,
  CONFIG_DEFAULTS,
  describeIssue,
  DNS_HOST_NAME,
  httpUrl,
  MAX_HOST_NAME_LENGTH,
  numberBetween,
  objectMessage,
  parseHookConfig,
  parseHookConfigJson,
  parseWith,
  wholeNumberBetween,
};
export type { CheckConfig, ExpectConfig, HookConfig, HookConfigInput };
