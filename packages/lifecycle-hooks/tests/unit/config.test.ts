import { describe, expect, it } from '@jest/globals';
import { LifecycleHookConfigError } from '../../src/errors.js';
import { parseHookConfig, parseHookConfigJson } from '../../src/config.js';

const messageOf = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(LifecycleHookConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('parseHookConfigJson', () => {
  it('applies the documented defaults to a minimal config', () => {
    // Act
    const config = parseHookConfigJson('{"checks":[{"path":"/health"}]}');

    // Assess
    expect(config).toEqual({
      checks: [
        {
          method: 'GET',
          path: '/health',
          headers: {},
          requests: 1,
          concurrency: 1,
          expect: { status: '2xx', successRatio: 1 },
          stages: ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
        },
      ],
      readyTimeoutSeconds: 60,
      requestTimeoutMs: 5_000,
      callBackDelaySeconds: 15,
    });
  });

  it('accepts every documented field', () => {
    // Prepare
    const text = JSON.stringify({
      targetUrl: 'https://green.internal:8443',
      readyTimeoutSeconds: 30,
      requestTimeoutMs: 2_000,
      callBackDelaySeconds: 10,
      tls: { serverName: 'shop.example.com' },
      checks: [
        {
          name: 'order',
          method: 'POST',
          path: '/orders',
          headers: { 'x-api-key': 'k' },
          body: { item: 1 },
          requests: 100,
          concurrency: 10,
          expect: { status: [200, 201], bodyIncludes: 'id', bodyMatches: '^\\{', json: { '/ok': true }, maxLatencyMs: 500, successRatio: 0.99, p95Ms: 250 },
        },
      ],
    });

    // Act
    const config = parseHookConfigJson(text);

    // Assess
    expect(config.checks[0]?.expect).toEqual({
      status: [200, 201],
      bodyIncludes: 'id',
      bodyMatches: '^\\{',
      json: { '/ok': true },
      maxLatencyMs: 500,
      successRatio: 0.99,
      p95Ms: 250,
    });
    expect(config.tls).toEqual({ serverName: 'shop.example.com' });
  });

  it('accepts paths on the target and DNS server names up to the limits', () => {
    // Prepare
    const longestName = `${'abcdefghi.'.repeat(25)}com`;
    const paths = ['/', '/health', '/a//b', '/search?q=a b', '/x/\\y'];
    const serverNames = ['localhost', 'shop.example.com', 'xn--bcher-kva.example', 'a-1.2b.example', longestName];

    // Act
    const accepted = [
      ...paths.map((path) => parseHookConfig({ checks: [{ path }] }).checks[0]?.path),
      ...serverNames.map((serverName) => parseHookConfig({ checks: [{ path: '/' }], tls: { serverName } }).tls?.serverName),
    ];

    // Assess
    expect(longestName).toHaveLength(253);
    expect(accepted).toEqual([...paths, ...serverNames]);
  });

  it.each([
    ['an empty variable', undefined, /GREENLIGHT_CONFIG is empty: expected JSON like/],
    ['broken JSON', '{"checks": [', /GREENLIGHT_CONFIG is not valid JSON: expected a JSON object, the syntax breaks at/],
    ['no checks', '{"checks": []}', /checks: expected at least one check/],
    ['a missing path', '{"checks": [{}]}', /checks\[0\]\.path: expected a value \(the field is required\), received nothing/],
    ['a relative path', '{"checks": [{"path": "health"}]}', /checks\[0\]\.path: expected a path starting with exactly one "\/", without control characters, e\.g\. "\/health\?deep=1" \("\/\/host\/x" would send the check to another host\), received "health"/],
    ['a network-path reference', '{"checks": [{"path": "//169.254.169.254:80/x"}]}', /checks\[0\]\.path: expected a path starting with exactly one "\/".*received "\/\/169\.254/],
    ['a path starting with a backslash', '{"checks": [{"path": "/\\\\evil.example/x"}]}', /checks\[0\]\.path: expected a path starting with exactly one "\/"/],
    ['a tab the URL parser would drop', '{"checks": [{"path": "/\\t/evil.example/x"}]}', /checks\[0\]\.path: expected a path starting with exactly one "\/"/],
    ['a server name with a line break', '{"checks": [{"path": "/"}], "tls": {"serverName": "shop.example.com\\r\\nx-evil: 1"}}', /tls\.serverName: expected a DNS host name \(letters, digits and hyphens in dot-separated labels, not an IP address\), e\.g\. "shop\.example\.com", received "shop\.example\.com\\r\\nx-evil: 1"/],
    ['a server name with a space', '{"checks": [{"path": "/"}], "tls": {"serverName": "shop example.com"}}', /tls\.serverName: expected a DNS host name/],
    ['an IP address as server name', '{"checks": [{"path": "/"}], "tls": {"serverName": "10.0.0.1"}}', /tls\.serverName: expected a DNS host name/],
    ['a label starting with a hyphen', '{"checks": [{"path": "/"}], "tls": {"serverName": "-shop.example.com"}}', /tls\.serverName: expected a DNS host name/],
    ['a label over 63 characters', `{"checks": [{"path": "/"}], "tls": {"serverName": "${'a'.repeat(64)}.example.com"}}`, /tls\.serverName: expected a DNS host name/],
    ['a name over 253 characters', `{"checks": [{"path": "/"}], "tls": {"serverName": "${'abcdefghi.'.repeat(25)}comm"}}`, /tls\.serverName: expected a DNS host name/],
    ['a bad status', '{"checks": [{"path": "/", "expect": {"status": "ok"}}]}', /checks\[0\]\.expect\.status: expected a status code \(200\), a non-empty list of codes/],
    ['a bad regular expression', '{"checks": [{"path": "/", "expect": {"bodyMatches": "("}}]}', /checks\[0\]\.expect\.bodyMatches: expected a valid JavaScript regular expression \(its source, without slashes\): Unterminated group, received "\("/],
    ['a JSON pointer without a slash', '{"checks": [{"path": "/", "expect": {"json": {"status": 1}}}]}', /checks\[0\]\.expect\.json\.status: expected JSON-pointer keys/],
    ['a ratio above 1', '{"checks": [{"path": "/", "expect": {"successRatio": 2}}]}', /checks\[0\]\.expect\.successRatio: expected a ratio between 0 and 1, received 2/],
    ['a misspelt field', '{"checks": [{"path": "/"}], "readyTimeout": 5}', /readyTimeout: expected only the fields targetUrl, checks/],
    ['a non-HTTP target', '{"targetUrl": "ftp://x", "checks": [{"path": "/"}]}', /targetUrl: expected an http:\/\/ or https:\/\/ URL/],
    ['zero concurrency', '{"checks": [{"path": "/", "concurrency": 0}]}', /checks\[0\]\.concurrency: expected a whole number from 1 to 256, received 0/],
    ['a stage that moves traffic', '{"checks": [{"path": "/", "stages": ["TEST_TRAFFIC_SHIFT"]}]}', /checks\[0\]\.stages\[0\]: expected one of POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT, the ECS lifecycle stages where green has all the test traffic \(TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT move traffic, and are answered without checks\), received "TEST_TRAFFIC_SHIFT"/],
    ['a misspelt stage', '{"checks": [{"path": "/", "stages": ["POST_TEST_TRAFFIC"]}]}', /checks\[0\]\.stages\[0\]: expected one of POST_TEST_TRAFFIC_SHIFT, .*received "POST_TEST_TRAFFIC"/],
    ['a single stage instead of a list', '{"checks": [{"path": "/", "stages": "POST_TEST_TRAFFIC_SHIFT"}]}', /checks\[0\]\.stages: expected a list of ECS lifecycle stages, e\.g\. \["POST_TEST_TRAFFIC_SHIFT"\], received "POST_TEST_TRAFFIC_SHIFT"/],
    ['an empty list of stages', '{"checks": [{"path": "/", "stages": []}]}', /checks\[0\]\.stages: expected at least one stage: a check without stages would never run, received a list/],
  ])('rejects %s, naming the field and what was expected', (_case, text, expected) => {
    // Act
    const message = messageOf(() => parseHookConfigJson(text));

    // Assess
    expect(message).toMatch(expected);
  });

  it('keeps the stages a check is limited to', () => {
    // Act
    const config = parseHookConfig({
      checks: [{ path: '/load', stages: ['POST_TEST_TRAFFIC_SHIFT'] }, { path: '/health', stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] }],
    });

    // Assess
    expect(config.checks.map((check) => check.stages)).toEqual([
      ['POST_TEST_TRAFFIC_SHIFT'],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'],
    ]);
  });

  it('lists every problem at once', () => {
    // Act
    const message = messageOf(() => parseHookConfig({ checks: [{ path: 'a' }, { path: '/', method: 'FETCH' }] }));

    // Assess
    expect(message).toMatch(/checks\[0\]\.path: .*; checks\[1\]\.method: expected one of GET, HEAD, POST/);
  });

  it('never echoes header values, which are often credentials', () => {
    // Prepare
    const withSecret = { checks: [{ path: '/', headers: { authorization: 12345678 } }] };
    const brokenWithSecret = '{"checks": [{"path": "/", "headers": {"authorization": "Bearer hunter2" x}}]}';

    // Act
    const messages = [messageOf(() => parseHookConfig(withSecret)), messageOf(() => parseHookConfigJson(brokenWithSecret))];

    // Assess
    expect(messages[0]).toMatch(/checks\[0\]\.headers\.authorization: /);
    expect(messages[0]).not.toContain('12345678');
    expect(messages[1]).not.toContain('hunter2');
  });

  it('rejects a targetUrl with user:password@, which would never be sent, without echoing the password', () => {
    // Prepare
    const withCredentials = { targetUrl: 'https://probe:hunter2@green.internal:8443', checks: [{ path: '/' }] };

    // Act
    const message = messageOf(() => parseHookConfig(withCredentials));

    // Assess
    expect(message).toMatch(/targetUrl: expected an http:\/\/ or https:\/\/ URL without user:password@ \(send credentials as a header in checks\[\]\.headers\)/);
    expect(message).not.toContain('hunter2');
  });
});
