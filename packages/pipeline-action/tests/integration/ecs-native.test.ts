import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { addNativeBlueGreenStack, BLUE_GREEN_STAGES, greenlightNativePipelineScenario, type EcsHookPayload, type NativeStackOptions } from '@greenlight/aws-sim';
import { REPOSITORY, startHarness, type Harness } from '../support/harness.js';

// The runner sends SIGTERM 7.5 s after SIGINT: the rollback must have reached ECS by then.
const CANCEL_WINDOW_MS = 7_500;
const hookArn = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}-greenlight-hook`;

/** Each native stack: its own service (cluster and service named after the pipeline) and load balancer. */
const STACKS: Readonly<Record<string, Omit<NativeStackOptions, 'name'>>> = {
  'native-ok': { stageSeconds: 120, bakeTimeInMinutes: 2 },
  'native-hook-fails': { stageSeconds: 120 },
  'native-cancel': { stageSeconds: 120, bakeTimeInMinutes: 600 },
  'native-hard-kill': { stageSeconds: 120, bakeTimeInMinutes: 600 },
  'native-paged': { stageSeconds: 120, listPageSize: 1 },
  'native-denied': { stageSeconds: 120 },
  'native-no-rules': { stageSeconds: 120 },
  'native-alarm': { stageSeconds: 120, bakeTimeInMinutes: 600, alarms: { alarmNames: ['native-alarm-5xx'], rollback: true } },
};

/** The hook at POST_TEST_TRAFFIC_SHIFT, as the greenlight stack registers it. */
const withHook = (name: string, options: Omit<NativeStackOptions, 'name'>): NativeStackOptions => ({
  name,
  ...options,
  lifecycleHooks: [{ hookTargetArn: hookArn(name), lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
});

const stageLines = (stdout: string): string[] =>
  [...stdout.matchAll(/service deployment \S+: ([A-Z_]+) — target revision/g)].map((match) => match[1] ?? '');

describe('following an Amazon ECS native blue/green deployment (Deploy provider ECS)', () => {
  let harness: Harness;
  const invocations: EcsHookPayload[] = [];

  beforeAll(async () => {
    harness = await startHarness(
      Object.keys(STACKS).map((name) => greenlightNativePipelineScenario({ name, repository: REPOSITORY, durations: { Source: 5, Build: 30 } })),
    );
    for (const [name, options] of Object.entries(STACKS)) addNativeBlueGreenStack(harness.sim, withHook(name, options));
    // Plays the hook as ECS invokes it: FAILED for the stack whose checks fail, SUCCEEDED otherwise.
    harness.sim.ecs.setHookInvoker(({ functionArn, payload }) => {
      invocations.push(payload);
      return Promise.resolve({ hookStatus: functionArn === hookArn('native-hook-fails') ? 'FAILED' : 'SUCCEEDED' });
    });
  });
  afterEach(() => harness.sim.setFaults({}));
  afterAll(async () => harness.stop());

  it('prints the lifecycle stages in order with task counts and traffic weights, and outputs the service deployment ARN', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'native-ok' });

    // Assess
    const [deployment] = harness.sim.ecs.serviceDeployments('native-ok', 'native-ok');
    const seen = stageLines(result.stdout);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['deployment-id']).toBe(deployment?.serviceDeploymentArn);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen).toEqual(BLUE_GREEN_STAGES.filter((stage) => seen.includes(stage)));
    expect(result.stdout).toMatch(/\(2\/2 tasks\)/);
    expect(result.stdout).toContain('traffic: production native-ok-blue 0% · native-ok-green 100%; test native-ok-blue 0% · native-ok-green 100%');
    expect(result.stdout).toContain('SUCCESSFUL');
    expect(result.summary).toContain('| Phase | Started (UTC) | Ended (UTC) | Duration | Status |');
    for (const stage of seen) expect(result.summary).toMatch(new RegExp(`\\| ${stage.replaceAll('_', '\\\\_')} \\| \\d\\d:\\d\\d:\\d\\d \\| \\d\\d:\\d\\d:\\d\\d \\| \\d+ s \\| ✅ Succeeded \\|`));
    expect(result.summary).toMatch(/🔀 production native-ok-blue 0％ · native-ok-green 100％ :done/);
    expect(result.summary).toContain('Status **SUCCESSFUL**');
  });

  it('fails the step when a hook rolls the deployment back, naming the status, the reason and the hook', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'native-hook-fails' });

    // Assess
    const [deployment] = harness.sim.ecs.serviceDeployments('native-hook-fails', 'native-hook-fails');
    const expected = `Service deployment ${deployment?.serviceDeploymentArn ?? ''} ended ROLLBACK_SUCCESSFUL: ${deployment?.statusReason ?? ''}`;
    expect(deployment?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(expected);
    expect(result.outputs['failure-message']).toContain(expected);
    expect(result.outputs['failure-message']).toContain('native-hook-fails-greenlight-hook');
    expect(result.summary).toContain('Status **ROLLBACK\\_SUCCESSFUL**');
  });

  it('fails the step when an alarm rolls the deployment back, with the reason and no hook blamed', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'native-alarm' });
    await running.waitForOutput(/: BAKE_TIME — target revision/);

    // Act
    harness.sim.ecs.triggerAlarm('native-alarm-5xx');
    const result = await running.result;

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.outputs['failure-message']).toContain('ended ROLLBACK_SUCCESSFUL: Service deployment rolled back because alarm native-alarm-5xx went into ALARM.');
    expect(result.outputs['failure-message']).not.toContain('lifecycle hook');
    expect(result.errors[0]?.message).toContain('alarm native-alarm-5xx went into ALARM');
  });

  it('rolls the service deployment back on SIGINT: StopServiceDeployment ROLLBACK within 7.5 s', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'native-cancel' });
    await running.waitForOutput(/: BAKE_TIME — target revision/);

    // Act
    const cancelledAt = Date.now();
    running.kill('SIGINT');
    const result = await running.result;

    // Assess
    const [deployment] = harness.sim.ecs.serviceDeployments('native-cancel', 'native-cancel');
    const stops = harness.sim.callsTo('StopServiceDeployment');
    expect(stops.map((call) => [call.input, call.status])).toEqual([[{ serviceDeploymentArn: deployment?.serviceDeploymentArn, stopType: 'ROLLBACK' }, 200]]);
    expect(stops[0]?.at.getTime()).toBeLessThan(cancelledAt + CANCEL_WINDOW_MS);
    expect(result.stdout).toContain(`Service deployment ${deployment?.serviceDeploymentArn ?? ''} is rolling back`);
    await harness.sim.waitForExecution('native-cancel', harness.sim.executions('native-cancel')[0]?.id ?? '');
    expect(harness.sim.ecs.serviceDeployments('native-cancel', 'native-cancel')[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('rolls the recorded service deployment back from the post step after a hard kill', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'native-hard-kill' });
    await running.waitForOutput(/: BAKE_TIME — target revision/);
    running.kill('SIGKILL');
    const killed = await running.result;

    // Act
    const post = await harness.post(killed.state);

    // Assess
    const [deployment] = harness.sim.ecs.serviceDeployments('native-hard-kill', 'native-hard-kill');
    const stops = harness.sim.callsTo('StopServiceDeployment').filter((call) => call.input['serviceDeploymentArn'] === deployment?.serviceDeploymentArn);
    expect(killed.state['deployment-id']).toBe(deployment?.serviceDeploymentArn);
    expect(stops.map((call) => [call.input['stopType'], call.status])).toEqual([['ROLLBACK', 200]]);
    expect(post.stdout).toContain(`Service deployment ${deployment?.serviceDeploymentArn ?? ''} is rolling back`);
    await harness.sim.waitForExecution('native-hard-kill', harness.sim.executions('native-hard-kill')[0]?.id ?? '');
    expect(harness.sim.ecs.serviceDeployments('native-hard-kill', 'native-hard-kill')[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
  });

  it('finds its own deployment across pages: not an older one, not one someone started after it', async () => {
    // Prepare: an earlier deployment (before the action started) and, once the pipeline's has started, another one.
    const earlier = harness.sim.ecs.startDeployment('native-paged', 'native-paged');
    const running = await harness.start({ 'pipeline-name': 'native-paged' });
    const ours = await (async (): Promise<string> => {
      for (;;) {
        const found = harness.sim.ecs.serviceDeployments('native-paged', 'native-paged').find((view) => view.serviceDeploymentArn !== earlier);
        if (found !== undefined) return found.serviceDeploymentArn;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    harness.sim.ecs.startDeployment('native-paged', 'native-paged');

    // Act
    const result = await running.result;

    // Assess
    const listings = harness.sim.callsTo('ListServiceDeployments').filter((call) => call.input['service'] === 'native-paged');
    expect(result.outputs['deployment-id']).toBe(ours);
    expect(listings.some((call) => call.input['nextToken'] !== undefined)).toBe(true);
    expect(listings[0]?.input['createdAt']).toEqual({ after: expect.any(Number) });
  });

  it('denied ECS and ELBv2 reads never change the outcome: one note each, the step succeeds', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['ecs:ListServiceDeployments', 'ecs:DescribeServiceDeployments', 'elasticloadbalancing:DescribeRules'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'native-denied' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('Succeeded');
    expect(result.stdout.match(/Service deployment details unavailable \(ecs:ListServiceDeployments/g)).toHaveLength(1);
    expect(result.errors).toEqual([]);
  });

  it('denied DescribeRules leaves the stages and drops only the traffic weights', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['elasticloadbalancing:DescribeRules'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'native-no-rules' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(stageLines(result.stdout).length).toBeGreaterThanOrEqual(3);
    expect(result.stdout.match(/traffic weights unavailable \(ecs:DescribeServices \/ elasticloadbalancing:DescribeRules are not allowed\)/g)).toHaveLength(1);
  });
});
