import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { HOOK_LOG_MESSAGE } from '../../src/log-records.js';
import { type GreenApp, type GreenBehaviour, startGreenApp, unusedUrl } from '../support/green-app.js';
import { newHookDeployment, reportedStatuses } from '../support/hook-deployments.js';
import { type HostileGreen, startHostileGreen } from '../support/hostile-green.js';
import { type Invocation, invokeHook, unpackHookZip } from '../support/lambda-zip.js';

const APPLICATION = 'shop';
const GROUP = 'shop-blue-green';
const TIMEOUT_MS = 6_000;

let sim: Simulator;
let functionDir: string;
let green: GreenApp;
let hostile: HostileGreen;

beforeAll(async () => {
  [sim, functionDir, green, hostile] = await Promise.all([
    startSimulator({ seed: 7 }),
    unpackHookZip(),
    startGreenApp(),
    startHostileGreen(),
  ]);
  const balancer = sim.elbv2.addLoadBalancer({
    dnsName: '127.0.0.1',
    scheme: 'internal',
    listeners: [
      { port: 1, protocol: 'HTTP' },
      { port: green.port, protocol: 'HTTP' },
    ],
  });
  sim.codedeploy.addDeploymentGroup({
    applicationName: APPLICATION,
    deploymentGroupName: GROUP,
    prodListenerArns: [balancer.listenerArns[0] ?? ''],
    testListenerArns: [balancer.listenerArns[1] ?? ''],
    targetGroups: ['shop-blue', 'shop-green'],
  });
});

afterAll(async () => {
  hostile.stop();
  await Promise.all([sim.stop(), green.stop()]);
});

afterEach(() => {
  sim.setFaults({});
  green.behave(() => ({ status: 200, body: 'ok' }));
});

const newDeployment = () => newHookDeployment(sim, { applicationName: APPLICATION, deploymentGroupName: GROUP });

const invoke = (event: unknown, config: unknown, timeoutMs = TIMEOUT_MS): Promise<Invocation> =>
  invokeHook({
    functionDir,
    event,
    config: typeof config === 'string' ? config : JSON.stringify(config),
    env: sim.env,
    timeoutMs,
  });

const statusesOf = (deploymentId: string): string[] => reportedStatuses(sim, deploymentId);

const decisionOf = (invocation: Invocation) => invocation.logs.find((line) => line.message === HOOK_LOG_MESSAGE.Decision);

const checkLines = (invocation: Invocation) => invocation.logs.filter((line) => line.message === HOOK_LOG_MESSAGE.CheckResult);

describe('the bundled hook answering a CodeDeploy AfterAllowTestTraffic event', () => {
  it('reports exactly one Succeeded when every check passes, logging one line per check with latencies', async () => {
    // Prepare
    green.behave((request) =>
      request.url === '/api/status'
        ? { status: 200, body: JSON.stringify({ status: 'green', build: { version: '1.4.2' } }) }
        : { status: 200, body: 'ok' },
    );
    const { deploymentId, event } = newDeployment();
    const config = {
      targetUrl: green.url,
      checks: [
        { name: 'health', path: '/health', expect: { status: 200, bodyIncludes: 'ok' } },
        { path: '/api/status', expect: { json: { '/status': 'green', '/build/version': '1.4.2' } } },
        { name: 'load', path: '/', requests: 40, concurrency: 8, expect: { successRatio: 1, p95Ms: 3_000 } },
      ],
    };

    // Act
    const invocation = await invoke(event, config);

    // Assess
    expect(invocation.exitCode).toBe(0);
    expect(invocation.outcome.result).toEqual({ status: 'Succeeded', report: 'recorded' });
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
    expect(checkLines(invocation).map((line) => [line['check'], line['requests'], line['passed']])).toEqual([
      ['health', 1, true],
      ['GET /api/status', 1, true],
      ['load', 40, true],
    ]);
    expect(checkLines(invocation)[2]).toEqual(
      expect.objectContaining({ failures: 0, p50Ms: expect.any(Number), p95Ms: expect.any(Number), maxMs: expect.any(Number) }),
    );
    expect(decisionOf(invocation)).toEqual(expect.objectContaining({ status: 'Succeeded', deploymentId }));
  });

  const failures: readonly [string, GreenBehaviour, Record<string, unknown>, RegExp][] = [
    ['a wrong status', () => ({ status: 503 }), { path: '/health' }, /status 503, expected 2xx/],
    ['a wrong body', () => ({ body: 'maintenance' }), { path: '/', expect: { bodyIncludes: 'welcome' } }, /body does not include "welcome"/],
    [
      'a wrong JSON value',
      () => ({ body: '{"status":"degraded"}' }),
      { path: '/status', expect: { json: { '/status': 'ok' } } },
      /JSON \/status is "degraded", expected "ok"/,
    ],
    ['a slow answer', () => ({ delayMs: 400 }), { path: '/', expect: { maxLatencyMs: 100 } }, /took \d+ ms, expected at most 100 ms/],
    [
      'a low success ratio',
      // Request 0 is the readiness probe; of the 20 that follow, every fourth fails.
      (_request, index) => ({ status: index % 4 === 3 ? 500 : 200 }),
      { path: '/', requests: 20, concurrency: 4, expect: { successRatio: 0.9 } },
      /5 of 20 requests failed \(success ratio 0\.75, expected at least 0\.9\): status 500/,
    ],
    [
      'a high p95 latency',
      () => ({ delayMs: 150 }),
      { path: '/', requests: 10, concurrency: 5, expect: { p95Ms: 50 } },
      /p95 latency \d+ ms, expected at most 50 ms/,
    ],
  ];

  it.each(failures)('reports exactly one Failed on %s, with the reason logged', async (_case, behaviour, check, reason) => {
    // Prepare
    green.behave(behaviour);
    const { deploymentId, event } = newDeployment();

    // Act
    const invocation = await invoke(event, { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [check] });

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Failed']);
    expect(invocation.outcome.result).toEqual({ status: 'Failed', report: 'recorded' });
    const failedLine = checkLines(invocation).find((line) => line['passed'] === false) ?? decisionOf(invocation);
    expect(String(failedLine?.['reason'])).toMatch(reason);
    expect(String(decisionOf(invocation)?.['reason'])).toMatch(reason);
  });

  it('waits for green that comes up within readyTimeoutSeconds, then reports Succeeded', async () => {
    // Prepare
    await green.stop();
    const restart = setTimeout(() => void green.start(), 1_000);
    const { deploymentId, event } = newDeployment();

    // Act
    const invocation = await invoke(event, { targetUrl: green.url, readyTimeoutSeconds: 10, checks: [{ path: '/health' }] }, 15_000);

    // Assess
    clearTimeout(restart);
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
    const waits = invocation.logs.filter((line) => line.message === 'green not ready');
    expect(waits.length).toBeGreaterThan(0);
    expect(String(waits[0]?.['reason'])).toMatch(/ECONNREFUSED/);
  });

  it('reports Failed before the Lambda deadline when green never comes up', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 600, checks: [{ path: '/health' }] };

    // Act
    const invocation = await invoke(event, config, 3_000);

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Failed']);
    expect(invocation.exitCode).toBe(0);
    expect(invocation.outcome.settledAt).toBeLessThan(invocation.outcome.deadline);
    const reportCall = sim.callsTo('PutLifecycleEventHookExecutionStatus').at(-1);
    expect(reportCall?.at.getTime()).toBeLessThan(invocation.outcome.deadline);
    expect(String(decisionOf(invocation)?.['reason'])).toMatch(/green not ready within 600 s .*ECONNREFUSED/);
  });

  it.each([
    ['is not JSON', '{"checks": [', /GREENLIGHT_CONFIG is not valid JSON/],
    ['has no checks', '{"targetUrl": "http://127.0.0.1:9", "checks": []}', /checks: expected at least one check/],
    ['names a field wrongly', '{"checks": [{"path": "/", "expected": {}}]}', /checks\[0\]\.expected: expected only the fields/],
  ])('reports Failed when GREENLIGHT_CONFIG %s', async (_case, config, reason) => {
    // Prepare
    const { deploymentId, event } = newDeployment();

    // Act
    const invocation = await invoke(event, config);

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Failed']);
    expect(invocation.exitCode).toBe(0);
    expect(String(decisionOf(invocation)?.['reason'])).toMatch(reason);
  });

  it('records exactly one status when the report is throttled twice', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    sim.setFaults({ throttleRate: 1, maxFaults: 2, operations: ['PutLifecycleEventHookExecutionStatus'] });
    const callsBefore = sim.callsTo('PutLifecycleEventHookExecutionStatus').length;

    // Act
    const invocation = await invoke(event, { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
    const calls = sim.callsTo('PutLifecycleEventHookExecutionStatus').slice(callsBefore);
    expect(calls.map((call) => call.errorType ?? 'ok')).toEqual(['ThrottlingException', 'ThrottlingException', 'ok']);
    expect(invocation.logs.filter((line) => line.message === 'report retry')).toHaveLength(2);
  });

  it('counts a report whose answer was lost as done when the retry hears LifecycleEventAlreadyCompleted', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    sim.setFaults({ dropRate: 1, dropPhase: 'after', maxFaults: 1, operations: ['PutLifecycleEventHookExecutionStatus'] });

    // Act
    const invocation = await invoke(event, { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.exitCode).toBe(0);
    expect(invocation.outcome.result).toEqual({ status: 'Succeeded', report: 'already-completed' });
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
  });

  it('resolves on a duplicate delivery answered LifecycleEventAlreadyCompleted, keeping the first status', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    const config = { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ path: '/health' }] };
    await invoke(event, config);
    green.behave(() => ({ status: 500 }));

    // Act
    const duplicate = await invoke(event, config);

    // Assess
    expect(duplicate.exitCode).toBe(0);
    expect(duplicate.outcome.result).toEqual({ status: 'Failed', report: 'already-completed' });
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
  });

  it('discovers the test listener from the deployment group when no targetUrl is configured', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    const requestsBefore = green.received.length;
    sim.setFaults({ throttleRate: 1, maxFaults: 1, operations: ['GetDeploymentGroup'] });

    // Act
    const invocation = await invoke(event, { checks: [{ path: '/discovered' }] });

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Succeeded']);
    expect(green.received.slice(requestsBefore).map((request) => request.url)).toContain('/discovered');
    expect(invocation.logs.find((line) => line.message === 'validating green')?.['targetUrl']).toBe(green.url);
    for (const operation of ['GetDeployment', 'GetDeploymentGroup', 'DescribeListeners', 'DescribeLoadBalancers']) {
      expect(sim.callsTo(operation).length).toBeGreaterThan(0);
    }
  });

  it('reports Failed with the next step when discovery is denied', async () => {
    // Prepare
    const { deploymentId, event } = newDeployment();
    sim.setFaults({ deny: ['elasticloadbalancing:DescribeListeners'] });

    // Act
    const invocation = await invoke(event, { checks: [{ path: '/health' }] });

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Failed']);
    expect(String(decisionOf(invocation)?.['reason'])).toMatch(
      /DescribeListeners .* failed: AccessDenied.*Grant elasticloadbalancing:DescribeListeners/,
    );
  });

  it('sends configured headers to green but never writes their values to the logs', async () => {
    // Prepare
    green.behave(() => ({ status: 401 }));
    const { event } = newDeployment();
    const config = { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ path: '/private', headers: { authorization: 'Bearer s3cr3t-t0ken' } }] };
    const requestsBefore = green.received.length;

    // Act
    const invocation = await invoke(event, config);

    // Assess
    expect(green.received.slice(requestsBefore)[0]?.headers['authorization']).toBe('Bearer s3cr3t-t0ken');
    expect(invocation.stdout).not.toContain('s3cr3t-t0ken');
    expect(invocation.stderr).not.toContain('s3cr3t-t0ken');
  });
});

describe('the bundled hook against a hostile green', () => {
  const hostileTimeoutMs = 15_000;
  const redosPattern = '"version":\\s*"(\\d+\\.?)+"';
  // The first check passes, so that the hostile one runs in full: four requests at once.
  const atConcurrency4 = (path: string) => (url: string) => ({
    targetUrl: url,
    readyTimeoutSeconds: 0,
    checks: [
      { name: 'health', path: '/health' },
      { name: 'status', path, requests: 4, concurrency: 4, expect: { json: { '/status': 'ok' } } },
    ],
  });

  it.each([
    [
      'a chunk-size line that never ends',
      atConcurrency4('/endless-chunk-size'),
      /4 of 4 requests failed: request failed: the response's chunk-size line exceeds 8192 bytes/,
    ],
    [
      'a 1 MiB body sent as one-byte chunks',
      atConcurrency4('/one-byte-chunks'),
      /4 of 4 requests failed: JSON \/status is "degraded", expected "ok"/,
    ],
    [
      `34 digits and an x, on which bodyMatches ${redosPattern} backtracks for hours`,
      (url: string) => ({
        targetUrl: url,
        readyTimeoutSeconds: 0,
        requestTimeoutMs: 1_000,
        checks: [{ name: 'version', path: '/redos', expect: { bodyMatches: redosPattern } }],
      }),
      /bodyMatches did not finish within 1000 ms/,
    ],
  ])('reports exactly one Failed before the deadline on %s', async (_case, configFor, reason) => {
    // Prepare
    const { deploymentId, event } = newDeployment();

    // Act
    const invocation = await invoke(event, configFor(hostile.url), hostileTimeoutMs);

    // Assess
    expect(statusesOf(deploymentId)).toEqual(['Failed']);
    expect(invocation.outcome.result).toEqual({ status: 'Failed', report: 'recorded' });
    expect(sim.callsTo('PutLifecycleEventHookExecutionStatus').at(-1)?.at.getTime()).toBeLessThan(invocation.outcome.deadline);
    expect(String(decisionOf(invocation)?.['reason'])).toMatch(reason);
  });
});
