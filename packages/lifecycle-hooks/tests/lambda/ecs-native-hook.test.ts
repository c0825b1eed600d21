import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { type GreenApp, startGreenApp, unusedUrl } from '../helpers/green-app.js';
import { type Invocation, invokeHook, unpackHookZip } from '../helpers/lambda-zip.js';

const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/shop/web';
const BLUE = 'arn:aws:ecs:us-east-1:123456789012:service-revision/shop/web/1000';
const GREEN = 'arn:aws:ecs:us-east-1:123456789012:service-revision/shop/web/2000';
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
  resourceArn: SERVICE,
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

describe('the bundled hook answering an ECS native blue/green event', () => {
  it('returns SUCCEEDED when the checks pass, without calling any AWS API', async () => {
    // Prepare
    const callsBefore = sim.calls.length;

    // Act
    const invocation = await invoke(ecsEvent(), { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(sim.calls.length).toBe(callsBefore);
    expect(invocation.logs.find((line) => line.message === 'decision')).toEqual(
      expect.objectContaining({ hookStatus: 'SUCCEEDED', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' }),
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
      hookDetails: { team: 'shop', greenlightReadinessStartedAt: expect.any(Number) },
    });
    expect(second.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
  });

  it('returns FAILED once the readiness window carried in hookDetails has ended', async () => {
    // Prepare
    const config = { targetUrl: await unusedUrl(), readyTimeoutSeconds: 30, checks: [{ path: '/health' }] };
    const startedLongAgo = { greenlightReadinessStartedAt: Date.now() - 31_000 };

    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: startedLongAgo }), config);

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(String(invocation.logs.find((line) => line.message === 'decision')?.['reason'])).toMatch(
      /green not ready within 30 s .*ECONNREFUSED/,
    );
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
    expect(invocation.logs.find((line) => line.message === 'decision')?.['reason']).toBe(
      'hookDetails.targetUrl: expected an http:// or https:// URL without user:password@ (send credentials as a header in checks[].headers)',
    );
  });

  it('returns FAILED without logging the password when hookDetails.targetUrl carries credentials', async () => {
    // Act
    const invocation = await invoke(ecsEvent({ hookDetails: { targetUrl: `http://probe:pa55word@127.0.0.1:${green.port}` } }), {
      checks: [{ path: '/' }],
    });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'FAILED' });
    expect(String(invocation.logs.find((line) => line.message === 'decision')?.['reason'])).toMatch(/^hookDetails\.targetUrl: expected .* without user:password@/);
    expect(invocation.stdout).not.toContain('pa55word');
  });

  it('checks green normally when production traffic shifts forward', async () => {
    // Prepare
    const requestsBefore = green.received.length;
    const forward = ecsEvent({
      lifecycleStage: 'POST_PRODUCTION_TRAFFIC_SHIFT',
      executionDetails: {
        serviceArn: SERVICE,
        targetServiceRevisionArn: GREEN,
        testTrafficWeights: { [BLUE]: 0, [GREEN]: 100 },
        productionTrafficWeights: { [BLUE]: 0, [GREEN]: 100 },
      },
    });

    // Act
    const invocation = await invoke(forward, { targetUrl: green.url, checks: [{ path: '/after-shift' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(green.received.slice(requestsBefore).map((request) => request.url)).toContain('/after-shift');
  });

  it('succeeds without testing during a rollback, when the test traffic went back to blue', async () => {
    // Prepare
    green.behave(() => ({ status: 500 }));
    const requestsBefore = green.received.length;
    const rollback = ecsEvent({
      lifecycleStage: 'TEST_TRAFFIC_SHIFT',
      executionDetails: {
        serviceArn: SERVICE,
        targetServiceRevisionArn: GREEN,
        testTrafficWeights: { [BLUE]: 100, [GREEN]: 0 },
        productionTrafficWeights: { [BLUE]: 100, [GREEN]: 0 },
      },
    });

    // Act
    const invocation = await invoke(rollback, { targetUrl: green.url, checks: [{ path: '/health' }] });

    // Assess
    expect(invocation.outcome.result).toEqual({ hookStatus: 'SUCCEEDED' });
    expect(green.received.length).toBe(requestsBefore);
    expect(String(invocation.logs.find((line) => line.message === 'decision')?.['reason'])).toMatch(/^rollback:/);
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
