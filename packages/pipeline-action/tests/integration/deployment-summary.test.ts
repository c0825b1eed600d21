import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { hookFunctionName } from '@greenlight/contracts';
import { playEveryHook } from '../support/hook-player.js';
import { appPipeline, startHarness, type Harness } from '../support/harness.js';

const hookFunction = hookFunctionName('app', 'AfterAllowTestTraffic');
const LIFECYCLE_EVENTS = ['BeforeInstall', 'Install', 'AfterInstall', 'AllowTestTraffic', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'];
const TIME = '\\d\\d:\\d\\d:\\d\\d';

/** The check results and decision the greenlight hook logs when both its checks pass. */
const passingChecks = (deploymentId: string): string[] => [
  JSON.stringify({ level: 'INFO', message: 'check result', deploymentId, check: 'health', passed: true, requests: 20, failures: 0, p50Ms: 4, p95Ms: 9, maxMs: 12 }),
  JSON.stringify({ level: 'INFO', message: 'check result', deploymentId, check: 'version', passed: true, requests: 1, failures: 0, p50Ms: 3, p95Ms: 3, maxMs: 3 }),
  JSON.stringify({ level: 'INFO', message: 'decision', deploymentId, status: 'Succeeded', reason: 'all 2 checks passed' }),
];

describe('the job summary of a canary deployment', () => {
  let harness: Harness;
  let codedeploy: CodeDeployClient;

  beforeAll(async () => {
    // Each lifecycle event takes 40 simulated seconds and the canary holds 10% for 5 minutes: at timeScale 0.02,
    // 0.8 s and 6 s, so the action's one-second polls see each traffic split.
    harness = await startHarness(
      [appPipeline('canary', { deploymentGroupName: 'canary-dg', deployment: { hooks: ['AfterAllowTestTraffic'], stepSeconds: 40 } })],
      { timeScale: 0.02 },
    );
    harness.sim.codedeploy.addDeploymentGroup({
      applicationName: 'app',
      deploymentGroupName: 'canary-dg',
      prodListenerArns: ['prod'],
      testListenerArns: ['test'],
      targetGroups: ['blue', 'green'],
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
      terminationWaitTimeInMinutes: 1,
    });
    codedeploy = new CodeDeployClient({ region: harness.sim.region, endpoint: harness.sim.endpoint, credentials: { accessKeyId: harness.sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: harness.sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' } });
    playEveryHook(harness, codedeploy, `/aws/lambda/${hookFunction}`, (hook) => passingChecks(hook.deploymentId), 'Succeeded');
  });
  afterAll(async () => {
    codedeploy.destroy();
    await harness.stop();
  });

  it('lists the lifecycle events and the termination wait with times, the 10% and 100% steps and the hook\'s checks', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'canary' });

    // Assess
    const summary = result.summary;
    expect(result.exitCode).toBe(0);
    for (const event of LIFECYCLE_EVENTS) expect(summary).toMatch(new RegExp(`\\| ${event} \\| ${TIME} \\| ${TIME} \\| \\d+ s \\| ✅ Succeeded \\|`));
    expect(summary).toMatch(new RegExp(`\\| Termination wait \\(blue kept\\) \\| ${TIME} \\| ${TIME} \\| \\d+ s \\| ✅ Succeeded \\|`));
    // Blue at 0% and blue gone send traffic the same way: one move.
    expect(summary).toMatch(new RegExp(`production Blue 100% → Blue 90% · Green 10% at ${TIME} → Green 100% at ${TIME}`));
    expect(summary).not.toMatch(new RegExp(`→ Green 100% at ${TIME} →`));
    expect(summary).toMatch(new RegExp(`test traffic to Green 100% at ${TIME}`));
    expect(summary).toContain('| AfterAllowTestTraffic | health | 20 | 0 | 4 ms | 9 ms | 12 ms | ✅ passed |');
    expect(summary).toContain('| AfterAllowTestTraffic | version | 1 | 0 | 3 ms | 3 ms | 3 ms | ✅ passed |');
    expect(summary).toContain('  section Deployment');
    expect(summary).toMatch(/🔀 production Blue 90％ · Green 10％ :done/);
  });

  it('reaches the same outcome when the hook\'s log cannot be read, saying which log group and permission would show the checks', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['logs:FilterLogEvents'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'canary' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.summary).not.toContain('Hook checks (');
    expect(result.summary).toContain(`_The AfterAllowTestTraffic hook's checks are not shown. Its reason is in CloudWatch Logs group /aws/lambda/${hookFunction.replaceAll('_', '\\_')}; allow logs:FilterLogEvents on it to show it here._`);
  });

  it('costs one GetDeployment and one FilterLogEvents page per hook for the summary', async () => {
    // Prepare
    const before = { get: harness.sim.callsTo('GetDeployment').length, filter: harness.sim.callsTo('FilterLogEvents').length };

    // Act
    const result = await harness.run({ 'pipeline-name': 'canary' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(harness.sim.callsTo('GetDeployment').length - before.get).toBe(1);
    expect(harness.sim.callsTo('FilterLogEvents').length - before.filter).toBe(1);
  });
});
