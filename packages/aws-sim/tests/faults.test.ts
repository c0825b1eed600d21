import { afterEach, describe, expect, it } from '@jest/globals';
import { BatchGetBuildsCommand } from '@aws-sdk/client-codebuild';
import { GetDeploymentGroupCommand } from '@aws-sdk/client-codedeploy';
import {
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSimulator, type FaultSpec, type Simulator, type SimulatorOptions } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';

describe('fault injection', () => {
  const running: { sim: Simulator; aws: Clients }[] = [];

  const boot = async (options: SimulatorOptions, maxAttempts = 3): Promise<{ sim: Simulator; aws: Clients }> => {
    const sim = await startSimulator({ timeScale: 0.005, ...options });
    const aws = clientsFor(sim, maxAttempts);
    running.push({ sim, aws });
    sim.addPipeline(blueGreenPipeline('app'));
    return { sim, aws };
  };

  afterEach(async () => {
    for (const { sim, aws } of running.splice(0)) {
      aws.destroy();
      await sim.stop();
    }
  });

  const mixed: FaultSpec = { throttleRate: 0.3, serverErrorRate: 0.1, dropRate: 0.1, latencyMs: [0, 20] };

  it('injects the same faults for the same seed and the same calls, and other faults for another seed', async () => {
    // Prepare
    const faultsOf = async (seed: number): Promise<(string | undefined)[]> => {
      const { sim, aws } = await boot({ seed, faults: mixed }, 1);
      for (let i = 0; i < 40; i += 1) {
        await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' })).catch(() => undefined);
      }
      return sim.calls.map((call) => call.fault);
    };

    // Act
    const first = await faultsOf(21);
    const again = await faultsOf(21);
    const other = await faultsOf(22);

    // Assess
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first.filter((fault) => fault !== undefined).length).toBeGreaterThan(8);
    expect(new Set(first)).toEqual(new Set([undefined, 'throttle', 'internal-error', 'service-unavailable', 'drop-before-handling', 'drop-after-handling']));
  });

  it('lets the real SDK clients, retrying as usual, get correct answers under throttling, 5xx, drops and latency', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 4, faults: mixed }, 10);

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app', clientRequestToken: 'faulty-run' }));
    let status: string | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 40));
      status = (await aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId }))).pipelineExecution?.status;
    } while (status === 'InProgress');
    const { actionExecutionDetails } = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId } }));

    // Assess
    expect(status).toBe('Succeeded');
    expect(actionExecutionDetails?.map((detail) => detail.status)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(sim.executions('app')).toHaveLength(1);
    expect(sim.calls.filter((call) => call.fault !== undefined).length).toBeGreaterThan(1);
  });

  it('creates exactly one execution when StartPipelineExecution answers are lost after handling and the SDK retries with its token', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 8 });
    sim.setFaults({ dropRate: 1, dropPhase: 'after', maxFaults: 2, operations: ['codepipeline:StartPipelineExecution'] });

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));

    // Assess
    const starts = sim.callsTo('StartPipelineExecution');
    expect(starts.map((call) => call.fault)).toEqual(['drop-after-handling', 'drop-after-handling', undefined]);
    expect(new Set(starts.map((call) => call.input['clientRequestToken'])).size).toBe(1);
    expect(sim.executions('app').map((execution) => execution.id)).toEqual([pipelineExecutionId]);
  });

  it('creates exactly one execution under a storm of lost answers on StartPipelineExecution', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 12, faults: { dropRate: 0.6, dropPhase: 'after', throttleRate: 0.2, operations: ['StartPipelineExecution'] } }, 15);

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app', clientRequestToken: 'storm' }));

    // Assess
    expect(sim.callsTo('StartPipelineExecution').filter((call) => call.fault === 'drop-after-handling').length).toBeGreaterThanOrEqual(1);
    expect(sim.executions('app').map((execution) => execution.id)).toEqual([pipelineExecutionId]);
  });

  it('does nothing for a call dropped before handling', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 1, faults: { dropRate: 1, dropPhase: 'before' } }, 1);

    // Act
    const call = aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));

    // Assess
    await expect(call).rejects.toBeDefined();
    expect(sim.calls.map((record) => [record.status, record.fault])).toEqual([[0, 'drop-before-handling']]);
    expect(sim.executions('app')).toHaveLength(0);
  });

  it('answers throttling with ThrottlingException "Rate exceeded" (400) and server errors with 500/503', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 6 }, 1);

    // Act
    sim.setFaults({ throttleRate: 1 });
    const throttled = await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' })).catch((error: unknown) => error);
    sim.setFaults({ serverErrorRate: 1 });
    const failures: unknown[] = [];
    for (let i = 0; i < 6; i += 1) {
      failures.push(await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' })).catch((error: unknown) => error));
    }
    sim.setFaults({});
    const healthy = await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));

    // Assess
    expect(throttled).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    const statuses = new Set(failures.map((error) => (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode));
    expect(statuses).toEqual(new Set([500, 503]));
    expect(healthy.pipeline?.name).toBe('app');
  });

  it('throttles the Query protocol with the Query error code', async () => {
    // Prepare
    const { aws } = await boot({ seed: 6, faults: { throttleRate: 1 } }, 1);

    // Act
    const call = aws.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  });

  it('denies the listed operations with AccessDeniedException and serves the others', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 1, faults: { deny: ['codebuild:BatchGetBuilds', 'codedeploy:GetDeploymentGroup'] } });

    // Act
    const build = aws.codebuild.send(new BatchGetBuildsCommand({ ids: ['x:y'] }));
    const group = aws.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'app-dg' }));
    const pipeline = await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));

    // Assess
    await expect(build).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('codebuild:BatchGetBuilds'),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(group).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(pipeline.pipeline?.name).toBe('app');
    expect(sim.callsTo('codebuild:BatchGetBuilds').map((call) => [call.status, call.fault, call.errorType])).toEqual([[403, 'denied', 'AccessDeniedException']]);
  });

  it('throttles an operation beyond its quota, a token bucket refilled over time, and leaves other operations alone (FIDELITY FAULT-2)', async () => {
    // Prepare
    const { sim, aws } = await boot({ faults: { rateLimits: { 'codepipeline:GetPipeline': { ratePerSecond: 1, burst: 3 } } } }, 1);
    const getPipeline = (): Promise<string> =>
      aws.codepipeline.send(new GetPipelineCommand({ name: 'app' })).then(
        () => 'ok',
        (error: Error) => error.name,
      );

    // Act
    const burst = [];
    for (let i = 0; i < 5; i += 1) {
      burst.push(await getPipeline());
    }
    const other = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app' })).then(() => 'ok');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const refilled = await getPipeline();

    // Assess
    expect(burst).toEqual(['ok', 'ok', 'ok', 'ThrottlingException', 'ThrottlingException']);
    expect(other).toBe('ok');
    expect(refilled).toBe('ok');
    expect(sim.callsTo('GetPipeline').map((call) => call.fault ?? 'none')).toEqual(['none', 'none', 'none', 'rate-limited', 'rate-limited', 'none']);
  });

  it('answers ExpiredTokenException to every call once credentials have expired', async () => {
    // Prepare
    const { aws } = await boot({ seed: 1, faults: { expiredCredentials: true } }, 1);

    // Act
    const json = aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));
    const query = aws.elbv2.send(new DescribeLoadBalancersCommand({}));

    // Assess
    await expect(json).rejects.toMatchObject({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
    await expect(query).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  it('adds latency only to the listed operations and records it', async () => {
    // Prepare
    const { sim, aws } = await boot({ seed: 1, faults: { latencyMs: [30, 60], operations: ['GetPipeline'] } });

    // Act
    await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));
    await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));

    // Assess
    const [slow, fast] = sim.calls;
    expect(slow?.latencyMs).toBeGreaterThanOrEqual(30);
    expect(slow?.latencyMs).toBeLessThanOrEqual(60);
    expect(fast?.latencyMs).toBeUndefined();
  });
});
