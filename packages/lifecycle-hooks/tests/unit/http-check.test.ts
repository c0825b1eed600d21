import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CheckConfig, parseHookConfig } from '../../src/config.js';
import { LifecycleHookConfigError } from '../../src/errors.js';
import { runHttpCheck } from '../../src/http-check.js';
import { createHttpRequester } from '../../src/http-request.js';
import { type GreenApp, startGreenApp, unusedUrl } from '../support/green-app.js';

const checkOf = (check: Record<string, unknown>): CheckConfig => {
  const [parsed] = parseHookConfig({ checks: [check] }).checks;
  if (parsed === undefined) {
    throw new Error('no check parsed');
  }
  return parsed;
};

let green: GreenApp;

beforeAll(async () => {
  green = await startGreenApp();
});

afterAll(async () => {
  await green.stop();
});

describe('runHttpCheck', () => {
  it.each([
    [204, 204, true],
    [[200, 204], 204, true],
    ['2xx', 204, true],
    ['3xx', 204, false],
    [[200, 201], 204, false],
  ])('judges status expectation %j against a %i answer (passes: %s)', async (status, answered, passes) => {
    // Prepare
    green.behave(() => ({ status: answered }));

    // Act
    const result = await runHttpCheck({ baseUrl: green.url, check: checkOf({ path: '/', expect: { status } }), requestTimeoutMs: 2_000 });

    // Assess
    expect(result.passed).toBe(passes);
  });

  it('sends the method, headers and an object body as JSON', async () => {
    // Prepare
    green.behave(() => ({ status: 201, body: '{"id":"o-1","items":[{"sku":"A"}]}' }));
    const before = green.received.length;
    const check = checkOf({
      name: 'create order',
      method: 'POST',
      path: '/orders?dry=1',
      headers: { 'x-api-key': 'key-1' },
      body: { sku: 'A' },
      expect: { status: 201, bodyMatches: '"id":"o-\\d+"', json: { '/items/0/sku': 'A' } },
    });

    // Act
    const result = await runHttpCheck({ baseUrl: `${green.url}/ignored-base-path`, check, requestTimeoutMs: 2_000 });

    // Assess
    expect(result).toEqual(expect.objectContaining({ name: 'create order', passed: true, requests: 1, failures: 0 }));
    const [received] = green.received.slice(before);
    expect(received).toEqual(
      expect.objectContaining({ method: 'POST', url: '/orders?dry=1', body: '{"sku":"A"}' }),
    );
    expect(received?.headers).toEqual(expect.objectContaining({ 'x-api-key': 'key-1', 'content-type': 'application/json' }));
  });

  it('runs a load probe with at most `concurrency` requests in flight', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    green.behave(() => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => (inFlight -= 1), 20);
      return { delayMs: 20 };
    });

    // Act
    const result = await runHttpCheck({
      baseUrl: green.url,
      check: checkOf({ path: '/', requests: 60, concurrency: 6 }),
      requestTimeoutMs: 5_000,
    });

    // Assess
    expect(result).toEqual(expect.objectContaining({ passed: true, requests: 60, failures: 0 }));
    expect(peak).toBeLessThanOrEqual(6);
    expect(peak).toBeGreaterThan(1);
    expect(result.latency.p50Ms).toBeGreaterThanOrEqual(15);
  });

  it('fails a request that outlives requestTimeoutMs', async () => {
    // Prepare
    green.behave(() => ({ delayMs: 1_000 }));

    // Act
    const result = await runHttpCheck({ baseUrl: green.url, check: checkOf({ path: '/' }), requestTimeoutMs: 100 });

    // Assess
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/request failed: no complete response within 100 ms/);
  });

  it('stops starting requests once the budget signal fires, and says so', async () => {
    // Prepare
    green.behave(() => ({ delayMs: 50 }));

    // Act
    const result = await runHttpCheck({
      baseUrl: green.url,
      check: checkOf({ path: '/', requests: 1_000, concurrency: 2 }),
      requestTimeoutMs: 5_000,
      signal: AbortSignal.timeout(300),
    });

    // Assess
    expect(result.passed).toBe(false);
    expect(result.requests).toBeLessThan(1_000);
    expect(result.reason).toMatch(/^time budget ran out after \d+ of 1000 requests/);
  });

  it('reports a refused connection as the failure reason', async () => {
    // Act
    const result = await runHttpCheck({ baseUrl: await unusedUrl(), check: checkOf({ path: '/' }), requestTimeoutMs: 1_000 });

    // Assess
    expect(result.reason).toMatch(/1 of 1 requests failed: request failed: ECONNREFUSED/);
  });

  it.each([['//127.0.0.1:%s/steal'], ['/\\127.0.0.1:%s/steal'], ['http://127.0.0.1:%s/steal']])(
    'sends nothing, to either host, for a check whose path %s leads away from the target',
    async (pathTemplate) => {
      // Prepare
      const elsewhere = await startGreenApp();
      const check = { ...checkOf({ path: '/', headers: { authorization: 'Bearer t0ken' } }), path: pathTemplate.replace('%s', String(elsewhere.port)) };
      const receivedBefore = green.received.length;

      // Act
      const run = runHttpCheck({ baseUrl: green.url, check, requestTimeoutMs: 1_000 });
      const settled = await run.then(
        () => undefined,
        (error: unknown) => error,
      );
      await elsewhere.stop();

      // Assess
      expect(settled).toBeInstanceOf(LifecycleHookConfigError);
      expect((settled as Error).message).toContain(`leads to http://127.0.0.1:${elsewhere.port}, away from the target ${green.url}`);
      expect(elsewhere.received).toHaveLength(0);
      expect(green.received).toHaveLength(receivedBefore);
    },
  );

  it('fails a body that is not JSON when JSON values are expected', async () => {
    // Prepare
    green.behave(() => ({ body: '<html>' }));

    // Act
    const result = await runHttpCheck({ baseUrl: green.url, check: checkOf({ path: '/', expect: { json: { '/a': 1 } } }), requestTimeoutMs: 1_000 });

    // Assess
    expect(result.reason).toMatch(/body is not JSON, expected values at \/a/);
  });
});

describe('runHttpCheck over HTTPS', () => {
  let server: https.Server;
  let certificate: string;
  let baseUrl: string;

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'greenlight-tls-'));
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=green.internal',
      '-addext', 'subjectAltName=DNS:green.internal',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ]);
    certificate = await readFile(path.join(dir, 'cert.pem'), 'utf8');
    const key = await readFile(path.join(dir, 'key.pem'), 'utf8');
    server = https.createServer({ key, cert: certificate }, (request, response) => {
      response.end(request.headers.host ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('verifies certificates: an untrusted one fails the check', async () => {
    // Act
    const result = await runHttpCheck({ baseUrl, check: checkOf({ path: '/' }), requestTimeoutMs: 2_000 });

    // Assess
    expect(result.passed).toBe(false);
    expect(result.reason).toMatch(/request failed: .*(SELF_SIGNED|self-signed)/i);
  });

  it('trusts a configured CA and verifies the configured server name, sent as Host', async () => {
    // Act
    const result = await runHttpCheck({
      baseUrl,
      check: checkOf({ path: '/', expect: { bodyIncludes: 'green.internal' } }),
      requestTimeoutMs: 2_000,
      tls: { ca: certificate, serverName: 'green.internal' },
    });

    // Assess
    expect(result).toEqual(expect.objectContaining({ passed: true }));
  });

  it('still rejects a trusted certificate for another host name', async () => {
    // Act
    const result = await runHttpCheck({
      baseUrl,
      check: checkOf({ path: '/' }),
      requestTimeoutMs: 2_000,
      tls: { ca: certificate, serverName: 'shop.example.com' },
    });

    // Assess
    expect(result.reason).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });
});

describe('runHttpCheck on raw connections', () => {
  it('sends a GET again on a fresh connection when the server closed the pooled one', async () => {
    // Prepare
    let connections = 0;
    const server = net.createServer((socket) => {
      connections += 1;
      const firstConnection = connections === 1;
      let requests = 0;
      socket.on('data', () => {
        requests += 1;
        if (firstConnection && requests === 2) {
          // The keep-alive race: the server drops the idle connection just as the next request arrives.
          socket.destroy();
        } else {
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const requester = createHttpRequester();
    const spec = { url, method: 'GET', headers: {}, body: undefined, timeoutMs: 2_000, readBody: true };

    // Act
    const first = await requester.send(spec);
    const second = await requester.send(spec);
    requester.close();
    await new Promise((resolve) => server.close(resolve));

    // Assess
    expect(first).toEqual(expect.objectContaining({ ok: true, status: 200, body: 'ok' }));
    expect(second).toEqual(expect.objectContaining({ ok: true, status: 200, body: 'ok' }));
    expect(connections).toBe(2);
  });

  it('refuses a header value with a line break instead of smuggling a header', async () => {
    // Prepare
    green.behave(() => ({ status: 200 }));

    // Act
    const result = await runHttpCheck({
      baseUrl: green.url,
      check: checkOf({ path: '/', headers: { 'x-a': 'b\r\nx-injected: 1' } }),
      requestTimeoutMs: 1_000,
    });

    // Assess
    expect(result.reason).toMatch(/invalid header "x-a"/);
  });

  it('refuses a server name with a line break instead of sending it as Host', async () => {
    // Prepare
    const requester = createHttpRequester({ tls: { serverName: 'green.internal\r\nx-injected: 1' } });
    const spec = { url: new URL(`${green.url}/`), method: 'GET', headers: {}, body: undefined, timeoutMs: 1_000, readBody: false };
    const receivedBefore = green.received.length;

    // Act
    const outcome = await requester.send(spec);
    requester.close();

    // Assess
    expect(outcome).toEqual(expect.objectContaining({ ok: false, error: expect.stringMatching(/^invalid host "green\.internal\\r\\nx-injected: 1"/) }));
    expect(green.received).toHaveLength(receivedBefore);
  });
});
