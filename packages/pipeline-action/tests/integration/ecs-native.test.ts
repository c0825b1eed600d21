import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { addNativeBlueGreenStack, BLUE_GREEN_STAGES, greenlightNativePipelineScenario, type EcsHookPayload, type NativeStackOptions } from '@greenlight/aws-sim';
import { checkResultFields, ecsDecisionFields, ecsInvocationFields, HOOK_LOG_MESSAGE } from '@greenlight/lifecycle-hooks/log-records';
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

const FAILING_HOOK_LOG_GROUP = '/aws/lambda/native-hook-fails-greenlight-hook';
const OTHER_DEPLOYMENT = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/native-hook-fails/native-hook-fails/earlier0000';
const FAILED_CHECK_REASON = '1 of 1 requests failed: status 404, expected 2xx';
const hookReason = `check "checkout page" failed: ${FAILED_CHECK_REASON}`;
const LATENCY = { p50Ms: 1, p95Ms: 2, maxMs: 3 };

/** The fields of the greenlight hook's lines at one stage of one service deployment, built by its own log-records. */
const nativeHookLines = (resourceArn: string, reason: string, stage = 'POST_TEST_TRAFFIC_SHIFT') => ({
  bound: ecsInvocationFields('exec', stage, resourceArn),
  passedCheck: checkResultFields({ name: 'home', passed: true, requests: 1, failures: 0, latency: LATENCY }, stage),
  failedCheck: checkResultFields({ name: 'checkout page', passed: false, requests: 1, failures: 1, latency: LATENCY, reason: FAILED_CHECK_REASON }, stage),
  decision: { ...ecsInvocationFields('exec', stage, resourceArn), ...ecsDecisionFields(stage, 'FAILED', reason) },
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
    // Another deployment's FAILED decision in the same log group: only this deployment's lines may be used.
    harness.sim.logs.putEvents(FAILING_HOOK_LOG_GROUP, 'earlier-invocation', [
      { message: JSON.stringify({ message: HOOK_LOG_MESSAGE.Decision, ...nativeHookLines(OTHER_DEPLOYMENT, 'check "health" failed: 503').decision }) },
    ]);
    // Plays the hook as ECS invokes it: FAILED for the stack whose checks fail (its lines in its log group, as
    // Lambda ships them), SUCCEEDED otherwise.
    harness.sim.ecs.setHookInvoker(({ functionArn, payload }) => {
      invocations.push(payload);
      if (functionArn !== hookArn('native-hook-fails')) return Promise.resolve({ hookStatus: 'SUCCEEDED' });
      const lines = nativeHookLines(payload.resourceArn, hookReason, payload.lifecycleStage);
      harness.sim.logs.putEvents(FAILING_HOOK_LOG_GROUP, `2026/12/04/[$LATEST]${payload.executionId}`, [
        { message: JSON.stringify({ message: HOOK_LOG_MESSAGE.CheckResult, ...lines.bound, ...lines.passedCheck }) },
        { message: JSON.stringify({ message: HOOK_LOG_MESSAGE.CheckResult, ...lines.bound, ...lines.failedCheck }) },
        { message: JSON.stringify({ message: HOOK_LOG_MESSAGE.Decision, ...lines.bound, ...lines.decision }) },
      ]);
      return Promise.resolve({ hookStatus: 'FAILED' });
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

  it('fails the step when a hook rolls the deployment back, with the status, the reason and the hook\'s own reason from its log', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'native-hook-fails' });

    // Assess
    const [deployment] = harness.sim.ecs.serviceDeployments('native-hook-fails', 'native-hook-fails');
    const arn = deployment?.serviceDeploymentArn ?? '';
    const ended = `Service deployment ${arn} ended ROLLBACK_SUCCESSFUL: ${deployment?.statusReason ?? ''}`;
    const hookSaid = `The POST_TEST_TRAFFIC_SHIFT hook native-hook-fails-greenlight-hook reported: ${hookReason}`;
    expect(deployment?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(ended);
    expect(result.errors[0]?.message).toContain(hookSaid);
    expect(result.errors[0]?.message).not.toContain('check "health"');
    expect(result.outputs['failure-message']).toContain(`${ended} ${hookSaid}`);
    expect(result.outputs['failure-message']).not.toContain('..');
    expect(result.summary).toContain('Status **ROLLBACK\\_SUCCESSFUL**');
    expect(result.summary).toContain('- **checkout page**: 1 of 1 requests failed: status 404, expected 2xx');
    expect(harness.sim.callsTo('FilterLogEvents').at(-1)?.input).toMatchObject({ logGroupName: FAILING_HOOK_LOG_GROUP, filterPattern: `"${arn}"` });
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
