import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { hookFunctionName } from '@greenlight/contracts';
import { playEveryHook } from '../support/hook-player.js';
import { appPipeline, startHarness, type Harness } from '../support/harness.js';

const hookFunction = hookFunctionName('app', 'AfterAllowTestTraffic');
const logGroup = `/aws/lambda/${hookFunction}`;
const REASON = 'check "version" failed: 1 of 1 requests failed: JSON /version is "1.4.1", expected "1.4.2"';

/** The lines the greenlight hook writes for one deployment: a passed check, a failed check, the decision. */
const hookLines = (deploymentId: string, reason: string): string[] => [
  JSON.stringify({ level: 'INFO', message: 'check result', deploymentId, check: 'home under load', passed: true }),
  JSON.stringify({ level: 'WARN', message: 'check result', deploymentId, check: 'version', passed: false, reason: reason.slice(reason.indexOf(': ') + 2) }),
  JSON.stringify({ level: 'WARN', message: 'decision', deploymentId, status: 'Failed', reason }),
];

describe('the reason of a failed lifecycle hook, read from its logs', () => {
  let harness: Harness;
  let codedeploy: CodeDeployClient;

  beforeAll(async () => {
    harness = await startHarness([appPipeline('hook-fails', { deployment: { hooks: ['AfterAllowTestTraffic'] } })], { timeScale: 0.05 });
    codedeploy = new CodeDeployClient({ region: harness.sim.region, endpoint: harness.sim.endpoint, credentials: { accessKeyId: harness.sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: harness.sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' } });
    // Plays the hook as Lambda would: its lines land in its log group (a stream per invocation), then it reports.
    // Another deployment's decision in the same group shows that only this deployment's lines are used.
    harness.sim.logs.putEvents(logGroup, 'earlier-invocation', [{ message: hookLines('d-EARLIER00', 'check "health" failed: 503').at(-1) ?? '' }]);
    playEveryHook(harness, codedeploy, logGroup, (hook) => hookLines(hook.deploymentId, REASON), 'Failed');
  });
  afterAll(async () => {
    codedeploy.destroy();
    await harness.stop();
  });

  it('names the failed check and its reason in the annotation, the failure-message output and the summary', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'hook-fails' });

    // Assess
    const filterCalls = harness.sim.callsTo('FilterLogEvents');
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ 'failed-stage': 'Deploy', 'failed-action': 'Deploy' });
    expect(result.outputs['failure-message']).toContain(`(JobFailed). The AfterAllowTestTraffic hook ${hookFunction} reported: ${REASON}`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(REASON);
    expect(result.errors[0]?.message).not.toContain('check "health"');
    expect(result.summary).toContain('- **version**: 1 of 1 requests failed');
    expect(result.summary).toContain('**Failed at AfterAllowTestTraffic**: check "version" failed: 1 of 1 requests failed');
    expect(result.summary).toMatch(/Rollback: production traffic on Blue 100% at \d\d:\d\d:\d\d\./);
    expect(result.summary).toContain('<details open><summary>Hook checks (2, 1 failed)</summary>');
    expect(result.summary).toMatch(/\| AfterAllowTestTraffic \| version \| {2}\| {2}\| {2}\| {2}\| {2}\| ❌ failed: 1 of 1 requests failed/);
    expect(filterCalls.at(-1)?.input).toMatchObject({ logGroupName: logGroup, filterPattern: `"${result.outputs['deployment-id'] ?? ''}"` });
  });

  it('still names the failed check when FilterLogEvents is throttled beyond the SDK retries', async () => {
    // Prepare: six throttles outlast the SDK's four attempts of the first call.
    harness.sim.setFaults({ throttleRate: 1, operations: ['logs:FilterLogEvents'], maxFaults: 6 });

    // Act
    const result = await harness.run({ 'pipeline-name': 'hook-fails' });

    // Assess
    harness.sim.setFaults({});
    const deploymentId = result.outputs['deployment-id'] ?? '';
    const filterCalls = harness.sim.callsTo('FilterLogEvents').filter((call) => call.input['filterPattern'] === `"${deploymentId}"`);
    expect(filterCalls.filter((call) => call.errorType === 'ThrottlingException')).toHaveLength(6);
    expect(filterCalls.at(-1)?.status).toBe(200);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.outputs['failure-message']).toContain(REASON);
  });

  it('reaches the same outcome when logs:FilterLogEvents is denied, naming the log group and the permission', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['logs:FilterLogEvents'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'hook-fails' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toMatchObject({ 'failed-stage': 'Deploy', 'failed-action': 'Deploy', status: 'Failed' });
    expect(result.outputs['failure-message']).toContain(
      `The AfterAllowTestTraffic hook ${hookFunction} failed. Its reason is in CloudWatch Logs group ${logGroup}; allow logs:FilterLogEvents on it`,
    );
    expect(result.outputs['failure-message']).not.toContain(REASON);
    expect(result.errors[0]?.message).toContain('logs:FilterLogEvents');
  });
});
