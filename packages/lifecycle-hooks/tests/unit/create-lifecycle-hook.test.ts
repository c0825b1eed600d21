import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { createAwsApi } from '../../src/aws-api.js';
import { createLifecycleHook } from '../../src/create-lifecycle-hook.js';
import { LifecycleReportError } from '../../src/errors.js';
import { createJsonLogger } from '../../src/logger.js';
import type { CustomCheck } from '../../src/validate-green.js';
import { type GreenApp, startGreenApp } from '../support/green-app.js';
import { newHookDeployment, reportedStatuses } from '../support/hook-deployments.js';
import { simClients } from '../support/sim-clients.js';

let sim: Simulator;
let green: GreenApp;

beforeAll(async () => {
  [sim, green] = await Promise.all([startSimulator({ seed: 3 }), startGreenApp()]);
});

afterAll(async () => {
  await Promise.all([sim.stop(), green.stop()]);
});

afterEach(() => {
  sim.setFaults({});
});

// Typed as the real Lambda Context, so the handler is known to accept what the Lambda runtime passes.
const lambdaContext = (timeoutMs: number): { deadline: number; context: Context } => {
  const deadline = Date.now() + timeoutMs;
  const unsupported = (): never => {
    throw new Error('callback-style completion is not used by async handlers');
  };
  return {
    deadline,
    context: {
      awsRequestId: 'req-7',
      callbackWaitsForEmptyEventLoop: false,
      functionName: 'CodeDeployHook_shop',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:CodeDeployHook_shop',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/CodeDeployHook_shop',
      logStreamName: '2026/11/26/[$LATEST]0',
      getRemainingTimeInMillis: () => deadline - Date.now(),
      done: unsupported,
      fail: unsupported,
      succeed: unsupported,
    },
  };
};

const deploymentEvent = () => newHookDeployment(sim);

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createJsonLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
};

const statuses = (deploymentId: string): string[] => reportedStatuses(sim, deploymentId);

describe('createLifecycleHook', () => {
  it('runs custom checks after the HTTP checks, with the target URL, and fails on a failing one', async () => {
    // Prepare
    const seen: string[] = [];
    const customChecks: CustomCheck[] = [
      { name: 'catalogue loaded', run: ({ targetUrl }) => Promise.resolve((seen.push(targetUrl), true)) },
      { name: 'migrations applied', run: () => Promise.resolve({ passed: false, reason: 'schema version 41, expected 42' }) },
    ];
    const { lines, logger } = capture();
    const handler = createLifecycleHook({
      config: { targetUrl: green.url, checks: [{ path: '/' }] },
      customChecks,
      clients: simClients(sim),
      logger,
    });
    const { deploymentId, event } = deploymentEvent();

    // Act
    const result = await handler(event, lambdaContext(5_000).context);

    // Assess
    expect(result).toEqual({ status: 'Failed', report: 'recorded' });
    expect(statuses(deploymentId)).toEqual(['Failed']);
    expect(seen).toEqual([green.url]);
    expect(lines.filter((line) => line['message'] === 'check result').map((line) => line['check'])).toEqual([
      'GET /',
      'catalogue loaded',
      'migrations applied',
    ]);
    expect(lines.find((line) => line['message'] === 'decision')).toEqual(
      expect.objectContaining({ requestId: 'req-7', reason: 'check "migrations applied" failed: schema version 41, expected 42' }),
    );
  });

  it('reports Failed before the deadline even when a custom check ignores the budget', async () => {
    // Prepare
    const stuck: CustomCheck = { name: 'stuck', run: () => new Promise(() => undefined) };
    const handler = createLifecycleHook({
      config: { targetUrl: green.url, checks: [{ path: '/' }] },
      customChecks: [stuck],
      clients: simClients(sim),
      logger: capture().logger,
    });
    const { deploymentId, event } = deploymentEvent();
    const { context, deadline } = lambdaContext(3_000);

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toEqual({ status: 'Failed', report: 'recorded' });
    expect(statuses(deploymentId)).toEqual(['Failed']);
    expect(Date.now()).toBeLessThan(deadline);
  });

  it('fails a custom check that throws, with the error as the reason', async () => {
    // Prepare
    const throwing: CustomCheck = { name: 'throws', run: () => Promise.reject(new TypeError('boom')) };
    const { lines, logger } = capture();
    const handler = createLifecycleHook({
      config: { targetUrl: green.url, checks: [{ path: '/' }] },
      customChecks: [throwing],
      clients: simClients(sim),
      logger,
    });

    // Act
    await handler(deploymentEvent().event, lambdaContext(5_000).context);

    // Assess
    expect(lines.find((line) => line['check'] === 'throws')?.['reason']).toBe('threw TypeError: boom');
  });

  it('records exactly one status through 5xx answers and a connection dropped before handling', async () => {
    // Prepare
    sim.setFaults({ serverErrorRate: 0.6, dropRate: 0.3, dropPhase: 'before', maxFaults: 4, operations: ['PutLifecycleEventHookExecutionStatus'] });
    const handler = createLifecycleHook({
      config: { targetUrl: green.url, checks: [{ path: '/' }] },
      clients: simClients(sim),
      logger: capture().logger,
    });
    const { deploymentId, event } = deploymentEvent();

    // Act
    const result = await handler(event, lambdaContext(20_000).context);

    // Assess
    expect(result).toEqual({ status: 'Succeeded', report: 'recorded' });
    expect(statuses(deploymentId)).toEqual(['Succeeded']);
  });

  it('rejects with the permission to grant when the report is denied, so Lambda retries the invocation', async () => {
    // Prepare
    sim.setFaults({ deny: ['codedeploy:PutLifecycleEventHookExecutionStatus'] });
    const { lines, logger } = capture();
    const handler = createLifecycleHook({
      config: { targetUrl: green.url, checks: [{ path: '/' }] },
      clients: simClients(sim),
      logger,
    });
    const { deploymentId, event } = deploymentEvent();

    // Act
    const outcome = handler(event, lambdaContext(5_000).context);

    // Assess
    await expect(outcome).rejects.toThrow(LifecycleReportError);
    await expect(outcome).rejects.toThrow(/Grant codedeploy:PutLifecycleEventHookExecutionStatus to the function's execution role/);
    expect(statuses(deploymentId)).toEqual([]);
    expect(lines.find((line) => line['message'] === 'report failed')).toEqual(expect.objectContaining({ level: 'ERROR', status: 'Succeeded' }));
  });

  it('reads the config on every invocation, so a fixed config takes effect without a new function', async () => {
    // Prepare
    let text = '{"checks": []}';
    const handler = createLifecycleHook({ config: () => text, clients: simClients(sim), logger: capture().logger });
    const first = deploymentEvent();
    const second = deploymentEvent();

    // Act
    await handler(first.event, lambdaContext(5_000).context);
    text = JSON.stringify({ targetUrl: green.url, checks: [{ path: '/' }] });
    await handler(second.event, lambdaContext(5_000).context);

    // Assess
    expect(statuses(first.deploymentId)).toEqual(['Failed']);
    expect(statuses(second.deploymentId)).toEqual(['Succeeded']);
  });
});

describe('createAwsApi', () => {
  it('creates no client and loads no SDK until a call needs it', () => {
    // Act
    const api = createAwsApi();

    // Assess
    expect(Object.keys(api).sort()).toEqual([
      'describeListener',
      'describeLoadBalancer',
      'getDeployment',
      'getDeploymentGroup',
      'putLifecycleEventHookExecutionStatus',
    ]);
  });
});
