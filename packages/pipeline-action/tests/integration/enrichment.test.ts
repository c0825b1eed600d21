import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PipelineScenario } from '@greenlight/aws-sim';
import { appPipeline, BUILD_FAILS, startHarness, type Harness } from '../support/harness.js';

// A two-minute deployment played at timeScale 0.05 (6 s) spans several polls.
const slowDeploy = (name: string): PipelineScenario => appPipeline(name, { actions: { Deploy: { durationSeconds: 120 } } });

describe('enrichment (CodeDeploy, CodeBuild, CloudWatch Logs)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness([appPipeline('allowed', BUILD_FAILS), appPipeline('denied', BUILD_FAILS), appPipeline('deploying'), slowDeploy('deploy-denied')], {
      timeScale: 0.05,
    });
  });
  afterAll(async () => harness.stop());

  it('shows the deployment lifecycle events and traffic weights as they change', async () => {
    // Prepare: a deployment that holds each traffic split until the action has read it (a GetDeploymentTarget
    // received after the change), so the test does not depend on how fast a loaded machine polls.
    const readByTheAction = async (signal: AbortSignal): Promise<void> => {
      const before = harness.sim.callsTo('GetDeploymentTarget').length;
      while (harness.sim.callsTo('GetDeploymentTarget').length <= before) await sleep(50, undefined, { signal });
    };
    harness.sim.setDeploymentDriver(async (handle, signal) => {
      handle.setLifecycleEvent('Install', 'InProgress');
      handle.setTaskSets([
        ...handle.taskSets(),
        { identifier: 'ecs-svc/green', taskSetLabel: 'GREEN', desiredCount: 2, runningCount: 2, pendingCount: 0, status: 'ACTIVE', trafficWeight: 0, targetGroupName: 'green' },
      ]);
      handle.setLifecycleEvent('Install', 'Succeeded');
      await readByTheAction(signal);
      handle.setLifecycleEvent('AllowTraffic', 'InProgress');
      handle.setTrafficWeights({ blue: 0, green: 100 });
      handle.setLifecycleEvent('AllowTraffic', 'Succeeded');
      await readByTheAction(signal);
      handle.succeed();
    });

    // Act
    const result = await harness.run({ 'pipeline-name': 'deploying' });

    // Assess
    harness.sim.setDeploymentDriver(undefined);
    const deployGroup = result.stdout.slice(result.stdout.indexOf('::group::Stage Deploy'));
    const traffic = deployGroup.split('\n').filter((line) => line.includes('traffic:'));
    expect(result.exitCode).toBe(0);
    expect(deployGroup).toMatch(/deployment d-[A-Z0-9]{9}: Install Succeeded/);
    expect(deployGroup).toMatch(/deployment d-[A-Z0-9]{9}: AllowTraffic Succeeded/);
    expect(traffic).toEqual([
      '  traffic: Blue 100% (2/2 tasks), Green 0% (2/2 tasks)',
      '  traffic: Blue 0% (2/2 tasks), Green 100% (2/2 tasks)',
    ]);
  });

  it('reaches the same outcome when CodeBuild and CloudWatch Logs are denied, and says why the log is missing', async () => {
    // Prepare
    const reference = await harness.run({ 'pipeline-name': 'allowed' });
    harness.sim.setFaults({ deny: ['codebuild:BatchGetBuilds', 'logs:GetLogEvents'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'denied' });

    // Assess
    harness.sim.setFaults({});
    expect(reference.stdout).toContain('FAIL src/x.test.ts');
    expect(result.exitCode).toBe(reference.exitCode);
    expect(result.errors.map((error) => error.properties['title'])).toEqual(reference.errors.map((error) => error.properties['title']));
    expect(result.outputs['failed-action']).toBe('Build');
    expect(result.stdout).not.toContain('FAIL src/x.test.ts');
    expect(result.stdout).toContain('Build log unavailable: codebuild:BatchGetBuilds is not allowed.');
    expect(result.summary).toContain('Build log unavailable');
  });

  it('reaches the same outcome when CodeDeploy is denied', async () => {
    // Prepare
    harness.sim.setFaults({ deny: ['codedeploy:ListDeploymentTargets', 'codedeploy:GetDeploymentTarget', 'codedeploy:GetDeployment'] });

    // Act
    const result = await harness.run({ 'pipeline-name': 'deploy-denied' });

    // Assess
    harness.sim.setFaults({});
    expect(result.exitCode).toBe(0);
    expect(result.outputs['status']).toBe('Succeeded');
    expect(result.outputs['deployment-id']).toMatch(/^d-/);
    expect(result.stdout).toContain('Deployment details unavailable');
    expect(result.stdout.match(/Deployment details unavailable/g)).toHaveLength(1);
  });
});
