import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { type GreenApp, startGreenApp, unusedUrl } from '../support/green-app.js';
import { readHookLogRecord } from '../../src/log-records.js';
import { type Invocation, invokeHook, unpackHookZip } from '../support/lambda-zip.js';

const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/shop/web';
const BLUE = 'arn:aws:ecs:us-east-1:123456789012:service-revision/shop/web/1000';
const GREEN = 'arn:aws:ecs:us-east-1:123456789012:service-revision/shop/web/2000';
const SERVICE_DEPLOYMENT = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/web/ejGvqq2ilnbKT9qj0vLJe';
const TIMEOUT_MS = 6_000;

let sim: Simulator;
let functionDir: string;
let green: GreenApp;

beforeAll(async () => {
  [sim, functionDir, green] = await Promise.all([startSimulator({ seed: 11 }), unpackHookZip(), startGreenApp()]);
});

afterAll(async () => {
  await Promise.all([sim.stop(), green.stop()]);
});

afterEach(() => {
  green.behave(() => ({ status: 200, body: 'ok' }));
});

const ecsEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  executionId: 'exec-0001',
  lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
  resourceArn: SERVICE_DEPLOYMENT,
  executionDetails: {
    serviceArn: SERVICE,
    targetServiceRevisionArn: GREEN,
    testTrafficWeights: { [BLUE]: 0, [GREEN]: 100 },
    productionTrafficWeights: { [BLUE]: 100, [GREEN]: 0 },
  },
  hookDetails: null,
  ...overrides,
});

const invoke = (event: unknown, config: unknown): Promise<Invocation> =>
  invokeHook({ functionDir, event, config: JSON.stringify(config), env: sim.env, timeoutMs: TIMEOUT_MS });

const decisionOf = (invocation: Invocation) => invocation.logs.find((line) => line.message === 'decision');

const reasonOf = (invocation: Invocation): string => String(decisionOf(invocation)?.['reason']);

const pathsRequestedSince = (before: number): string[] => green.received.slice(before).map((request) => request.url);

/** Where ECS's weights stand at each stage of a forward deployment (and, reversed, during a rollback). */
const weightsAt = (test: number, production: number) => ({
  serviceArn: SERVICE,
  targetServiceRevisionArn: GREEN,
  testTrafficWeights: { [BLUE]: 100 - test, [GREEN]: test },
  productionTrafficWeights: { [BLUE]: 100 - production, [GREEN]: production },
});

describe('the bundled hook answering an ECS native blue/green event', () => {
  it('returns SUCCEEDED when the checks pass, without calling any AWS API', async () => {
    // Prepare
    const callsBefore = sim.calls.length;

    // Act
    const invocation = await invoke(ecsEvent(), { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(sim.calls.length).toBe(callsBefore);
    expect(decisionOf(invocation)).toEqual(expect.objectContaining({ hookStatus: 'SUCCEEDED', stage: 'POST_TEST_TRAFFIC_SHIFT' }));
    expect(invocation.logs.find((line) => line.message === 'check result')).toEqual(
      expect.objectContaining({ check: 'GET /health', passed: true, stage: 'POST_TEST_TRAFFIC_SHIFT' }),
    );
  });

  it('returns FAILED when a check fails, without calling any AWS API', async () => {
    // Prepare
    green.behave(() => ({ status: 500 }));
    const callsBefore = sim.calls.length;

    // Act
    const invocation = await invoke(ecsEvent(), { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(sim.calls.length).toBe(callsBefore);
  });

  it('binds the service deployment ARN to every line, so a reader finds the decision of one deployment', async () => {
    // Prepare
    green.behave(() => ({ status: 500 }));

    // Act
    const invocation = await invoke(ecsEvent(), { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ path: '/health' }] });

    // Assess
    const records = invocation.logs.map((line) => readHookLogRecord(JSON.stringify(line))).filter((record) => record !== undefined);
    expect(invocation.logs.every((line) => line['resourceArn'] === SERVICE_DEPLOYMENT)).toBe(true);
    expect(records.at(-1)).toEqual(expect.objectContaining({ message: 'decision', hookStatus: 'FAILED', resourceArn: SERVICE_DEPLOYMENT }));
  });

  it.each([
    ['a quote and a space, which could widen a log filter pattern', `${SERVICE_DEPLOYMENT}" OR "`],
    ['more than an ECS ARN can hold', `${SERVICE_DEPLOYMENT}/${'x'.repeat(700)}`],
    ['not an ECS ARN', 'arn:aws:lambda:us-east-1:123456789012:function:other'],
  ])('binds no resourceArn that has %s, and still answers', async (_case, resourceArn) => {
    // Act
    const invocation = await invoke(ecsEvent({ resourceArn }), { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(invocation.logs.some((line) => 'resourceArn' in line)).toBe(false);
  });

  it('returns IN_PROGRESS with a callBackDelay while green is not ready, then SUCCEEDED once it is', async () => {
    // Prepare
    const config = { targetUrl: green.url, readyTimeoutSeconds: 120, callBackDelaySeconds: 5, checks: [{ path: '/health' }] };
    await green.stop();

    // Act
    const first = await invoke(ecsEvent({ hookDetails: { team: 'shop' } }), config);
    await green.start();
    const second = await invoke(ecsEvent({ hookDetails: first.outcome.result?.['hookDetails'] }), config);

    // Assess
    expect(first.outcome.result).toEqual({
      hookStatus: 'IN_PROGRESS',
      callBackDelay: 5,
      hookDetails: {
        team: 'shop',
        greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: expect.any(Number), attempts: 1 },
      },
    });
    // One probe, then the answer: the function does not wait out its timeout for green.
    expect(first.outcome.settledAt - (first.outcome.deadline - TIMEOUT_MS)).toBeLessThan(TIMEOUT_MS / 2);
    expect(second.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
  });

  it('returns FAILED once the readiness window carried in hookDetails has ended', async () => {
    // Prepare
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 30, checks: [{ path: '/health' }] };
    const startedLongAgo = {
      greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: Date.now() - 31_000, attempts: 6 },
    };

    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: startedLongAgo }), config);

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toMatch(/^green not ready within 30 s \(7 attempts\) at .*ECONNREFUSED/);
  });

  it('calls back no later than the readiness window ends, however long callBackDelaySeconds is', async () => {
    // Prepare
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 30, callBackDelaySeconds: 600, checks: [{ path: '/health' }] };
    const almostOver = {
      greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: Date.now() - 27_000, attempts: 2 },
    };

    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: almostOver }), config);

    // Assess
    expect(invocation.outcome.result).toEqual(expect.objectContaining({ hookStatus: 'IN_PROGRESS', callBackDelay: expect.any(Number) }));
    expect(invocation.outcome.result?.['callBackDelay']).toBeLessThanOrEqual(3);
    expect(invocation.outcome.result?.['hookDetails']).toEqual({
      greenlightReadiness: expect.objectContaining({ startedAt: almostOver.greenlightReadiness.startedAt, attempts: 3 }),
    });
  });

  it('starts a fresh readiness window when the carried state belongs to another stage', async () => {
    // Prepare
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 30, checks: [{ path: '/health' }] };
    const fromTheTestStage = {
      greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: Date.now() - 31_000, attempts: 6 },
    };

    // Act
    const invocation = await invoke(ecsEvent({ lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', hookDetails: fromTheTestStage }), config);

    // Assess
    expect(invocation.outcome.result).toEqual({
      hookStatus: 'IN_PROGRESS',
      callBackDelay: 15,
      hookDetails: {
        greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', startedAt: expect.any(Number), attempts: 1 },
      },
    });
  });

  it.each([
    ['a start given as text', { greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: '0', attempts: 1 } }, /^hookDetails\.greenlightReadiness\.startedAt: expected epoch milliseconds, received "0"$/],
    ['a start in the future, which would stretch the window', { greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: Date.now() + 3_600_000, attempts: 1 } }, /^hookDetails\.greenlightReadiness\.startedAt: expected a time that has passed, received a time \d+ ms ahead$/],
    ['an unknown field in the state', { greenlightReadiness: { executionId: 'exec-0001', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', startedAt: 1, attempts: 1, extendedBy: 60 } }, /^hookDetails\.greenlightReadiness\.extendedBy: expected the object this hook returned with IN_PROGRESS/],
    ['hookDetails that are not an object', ['targetUrl'], /^hookDetails: expected an object \(the lifecycle hook's hookDetails\) or null, received a list$/],
  ])('returns FAILED, naming the field, for %s', async (_case, hookDetails, expected) => {
    // Prepare
    const requestsBefore = green.received.length;

    // Act
    const invocation = await invoke(ecsEvent({ hookDetails }), { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toMatch(expected);
    expect(green.received.length).toBe(requestsBefore);
  });

  it('lets hookDetails.targetUrl override the configured targetUrl', async () => {
    // Prepare
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 0, checks: [{ path: '/from-hook-details' }] };
    const requestsBefore = green.received.length;

    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: { targetUrl: green.url } }), config);

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(green.received.slice(requestsBefore).map((request) => request.url)).toEqual(['/from-hook-details', '/from-hook-details']);
  });

  it('returns FAILED, naming the field, when hookDetails.targetUrl is not an HTTP URL', async () => {
    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: { targetUrl: 'file:///etc/passwd' } }), { checks: [{ path: '/' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toBe(
      'hookDetails.targetUrl: expected an http:// or https:// URL without user:password@ (send credentials as a header in checks[].headers), received "file:///etc/passwd"',
    );
  });

  it('returns FAILED without logging the password when hookDetails.targetUrl carries credentials', async () => {
    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: { targetUrl: `http://probe:pa55word@127.0.0.1:${green.port}` } }), {
      checks: [{ path: '/' }],
    });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toMatch(/^hookDetails\.targetUrl: expected .* without user:password@/);
    expect(invocation.stdout).not.toContain('pa55word');
  });

  it.each([
    ['POST_TEST_TRAFFIC_SHIFT', weightsAt(100, 0), ['/load', '/load', '/health']],
    ['PRE_PRODUCTION_TRAFFIC_SHIFT', weightsAt(100, 30), ['/health', '/health']],
    ['POST_PRODUCTION_TRAFFIC_SHIFT', weightsAt(100, 100), ['/health', '/health', '/version']],
  ])('runs at %s the checks selected for it', async (stage, executionDetails, expectedPaths) => {
    // Prepare
    const config = {
      targetUrl: green.url,
      checks: [
        { path: '/load', stages: ['POST_TEST_TRAFFIC_SHIFT'] },
        { path: '/health' },
        { path: '/version', stages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] },
      ],
    };
    const requestsBefore = green.received.length;

    // Act
    const invocation = await invoke(ecsEvent({ lifecycleStage: stage, executionDetails }), config);

    // Assess: the first selected check is the readiness probe, then every selected check runs
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(pathsRequestedSince(requestsBefore)).toEqual(expectedPaths);
    expect(invocation.logs.filter((line) => line.message === 'check result').map((line) => line['stage'])).toEqual(
      expectedPaths.slice(1).map(() => stage),
    );
  });

  it('returns FAILED, naming the stage, when no check is selected for the stage it is called at', async () => {
    // Prepare
    const config = { targetUrl: green.url, checks: [{ path: '/health', stages: ['POST_TEST_TRAFFIC_SHIFT'] }] };
    const requestsBefore = green.received.length;

    // Act
    const invocation = await invoke(ecsEvent({ lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT', executionDetails: weightsAt(100, 100) }), config);

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toBe(
      'no check runs at POST_PRODUCTION_TRAFFIC_SHIFT: add "POST_PRODUCTION_TRAFFIC_SHIFT" to the stages of a check in GREENLIGHT_CONFIG, or stop registering the hook at POST_PRODUCTION_TRAFFIC_SHIFT',
    );
    expect(decisionOf(invocation)?.['stage']).toBe('POST_PRODUCTION_TRAFFIC_SHIFT');
    expect(green.received.length).toBe(requestsBefore);
  });

  it('returns FAILED, naming the field, when a check lists a stage that moves traffic', async () => {
    // Act
    const invocation = await invoke(ecsEvent(), { targetUrl: green.url, checks: [{ path: '/health', stages: ['PRODUCTION_TRAFFIC_SHIFT'] }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toMatch(
      /^LifecycleHookConfigError: GREENLIGHT_CONFIG is invalid: checks\[0\]\.stages\[0\]: expected one of POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT, .*received "PRODUCTION_TRAFFIC_SHIFT"$/,
    );
  });

  it.each([
    ['TEST_TRAFFIC_SHIFT', 'moving test traffic back to blue', weightsAt(0, 0)],
    ['PRODUCTION_TRAFFIC_SHIFT', 'moving production traffic back to blue', weightsAt(100, 0)],
    ['TEST_TRAFFIC_SHIFT', 'moving test traffic forward', weightsAt(50, 0)],
  ])('answers %s (%s) SUCCEEDED without a request, an AWS call or even the config', async (stage, _case, executionDetails) => {
    // Prepare
    green.behave(() => ({ status: 500 }));
    const requestsBefore = green.received.length;
    const callsBefore = sim.calls.length;

    // Act
    const invocation = await invoke(ecsEvent({ lifecycleStage: stage, executionDetails }), { checks: [] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(green.received.length).toBe(requestsBefore);
    expect(sim.calls.length).toBe(callsBefore);
    expect(decisionOf(invocation)).toEqual(expect.objectContaining({ level: 'INFO', stage, hookStatus: 'SUCCEEDED' }));
    expect(reasonOf(invocation)).toBe(
      `${stage}: nothing checked while traffic moves (ECS runs this stage again during a rollback, which a FAILED would fight); ` +
        'the checks run at POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT',
    );
  });

  it.each(['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP'])(
    'returns FAILED at %s, before green takes test traffic, saying where to register the hook',
    async (stage) => {
      // Prepare
      const requestsBefore = green.received.length;

      // Act
      const invocation = await invoke(ecsEvent({ lifecycleStage: stage, executionDetails: weightsAt(0, 0) }), {
        targetUrl: green.url,
        checks: [{ path: '/health' }],
      });

      // Assess
      expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
      expect(reasonOf(invocation)).toBe(
        `${stage}: green takes no test traffic yet, so no check can reach it: register the hook at ` +
          'POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT',
      );
      expect(green.received.length).toBe(requestsBefore);
    },
  );

  it('returns FAILED at a stage it does not know, with the stage cut short in the log', async () => {
    // Act
    const invocation = await invoke(ecsEvent({ lifecycleStage: `BAKE_TIME${'X'.repeat(200)}` }), { targetUrl: green.url, checks: [{ path: '/' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(reasonOf(invocation)).toMatch(/^lifecycle stage "BAKE_TIMEX+…" is unknown to this hook: register it at POST_TEST_TRAFFIC_SHIFT, /);
    expect(String(decisionOf(invocation)?.['stage'])).toHaveLength(65);
  });

  it('returns FAILED when the config is invalid', async () => {
    // Act
    const invocation = await invoke(ecsEvent(), { checks: [] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(invocation.exitCode).toBe(0);
  });

  it('throws on an event that is neither CodeDeploy nor ECS, since nobody could be told the result', async () => {
    // Act
    const invocation = await invoke({ hello: 'world' }, { targetUrl: green.url, checks: [{ path: '/' }] });

    // Assess
    expect(invocation.exitCode).toBe(1);
    expect(invocation.outcome.error?.name).toBe('LifecycleHookEventError');
  });
});
