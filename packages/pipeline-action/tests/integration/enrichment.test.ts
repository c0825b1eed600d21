import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PipelineScenario } from '@greenlight/aws-sim';
import { appPipeline, BuildFails, startHarness, withActions, type Harness } from '../support/harness.js';

// A two-minute deployment played at timeScale 0.05 (6 s) spans several polls.
const slowDeploy = (name: string): PipelineScenario => withActions(appPipeline(name), { Deploy: { durationSeconds: 120 } });

describe('enrichment (CodeDeploy, CodeBuild, CloudWatch Logs)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness([withActions(appPipeline('allowed'), BuildFails), withActions(appPipeline('denied'), BuildFails), slowDeploy('deploying'), slowDeploy('deploy-denied')], {
      timeScale: 0.05,
    });
  });
  afterAll(async () => harness.stop());

  it('shows the deployment lifecycle events and traffic weights as they change', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'deploying' });

    // Assess
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/deployment d-[A-Z0-9]{9}: \w+ (InProgress|Succeeded)/);
    expect(result.stdout).toMatch(/traffic: BLUE 100% \(\d+\/\d+ tasks\)/);
    expect(result.stdout).toMatch(/traffic: .*GREEN 100%/);
    const deployGroup = result.stdout.slice(result.stdout.indexOf('::group::Stage Deploy'));
    expect(deployGroup).toContain('traffic:');
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
