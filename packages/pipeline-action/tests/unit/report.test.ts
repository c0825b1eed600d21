import { describe, expect, it } from '@jest/globals';
import { outcomes, outcomeError } from '../../src/outcome.js';
import { failureMessage, type ExecutionReport } from '../../src/report.js';
import { renderSummary } from '../../src/summary.js';
import { actionRun, executionReport } from './runs.js';

const failedBuild = actionRun({
  stageName: 'Build',
  actionName: 'Unit|Tests',
  provider: 'CodeBuild',
  status: 'Failed',
  startTime: new Date('2026-11-26T10:00:05Z'),
  endTime: new Date('2026-11-26T10:01:05Z'),
  externalId: 'app-build:1234',
  externalUrl: 'https://console.aws.amazon.com/codebuild/1234',
  errorCode: 'JobFailed',
  errorMessage: 'Build terminated with state: FAILED',
});

const report = (overrides: Partial<ExecutionReport> = {}): ExecutionReport =>
  executionReport({
    stages: [
      { name: 'Source', actions: [{ stageName: 'Source', actionName: 'Source', provider: 'CodeStarSourceConnection' }] },
      { name: 'Build', actions: [{ stageName: 'Build', actionName: 'Unit|Tests', provider: 'CodeBuild' }] },
      { name: 'Deploy', actions: [{ stageName: 'Deploy', actionName: 'Deploy', provider: 'CodeDeployToECS' }] },
    ],
    runs: [actionRun({ stageName: 'Source', actionName: 'Source', endTime: new Date('2026-11-26T10:00:05Z') }), failedBuild],
    failedRun: failedBuild,
    buildLog: { lines: ['npm test', 'FAIL src/a.test.ts'], note: undefined },
    ...overrides,
  });

describe('outcomeError', () => {
  it('passes only on success and on a start without waiting', () => {
    // Act
    const errors = [outcomes.Succeeded, outcomes.Started].map((outcome) => outcomeError(report({ outcome })));

    // Assess
    expect(errors).toEqual([undefined, undefined]);
  });

  it('names the failed stage, action, error and link for a failure', () => {
    // Act
    const error = outcomeError(report());

    // Assess
    expect(error?.title).toBe('Pipeline failed at Build › Unit|Tests');
    expect(error?.message).toContain(
      "Execution 11111111-2222-3333-4444-555555555555 of pipeline 'app' failed in stage Build, action Unit|Tests: Build terminated with state: FAILED (JobFailed).",
    );
    expect(error?.message).toContain('https://console.aws.amazon.com/codebuild/1234');
  });

  it('adds where to read a failed hook\'s reason when its log could not be read, after a full stop', () => {
    // Prepare
    const failedDeploy = actionRun({
      stageName: 'Deploy',
      actionName: 'Deploy',
      provider: 'CodeDeployToECS',
      status: 'Failed',
      errorMessage: 'Deployment d-ABCDEFGHI failed: the deployment was rolled back.',
    });
    const hookFailure = {
      lifecycleEvent: 'AfterAllowTestTraffic',
      functionName: 'CodeDeployHook_app',
      logGroup: '/aws/lambda/CodeDeployHook_app',
      reason: undefined,
      failedChecks: [],
      note: 'Its log group /aws/lambda/CodeDeployHook_app does not exist: check that the function ran and may write its logs.',
    };

    // Act
    const error = outcomeError(report({ failedRun: failedDeploy, runs: [failedDeploy], buildLog: undefined, hookFailure }));

    // Assess
    expect(error?.message).toContain(
      'Deployment d-ABCDEFGHI failed: the deployment was rolled back. The AfterAllowTestTraffic hook CodeDeployHook_app failed. Its log group',
    );
  });

  it('names the newer execution when superseded and says it is not followed', () => {
    // Act
    const error = outcomeError(
      report({ outcome: outcomes.Superseded, status: 'Superseded', failedRun: undefined, supersededBy: { executionId: 'newer-id', status: 'InProgress' } }),
    );

    // Assess
    expect(error?.message).toContain('superseded by newer execution newer-id (InProgress)');
    expect(error?.message).toContain('this job does not follow it');
  });

  it('says the pipeline was left running on a timeout and how to follow it', () => {
    // Act
    const error = outcomeError(report({ outcome: outcomes.TimedOut, status: 'InProgress', failedRun: undefined, timeoutMinutes: 0.05 }));

    // Assess
    expect(error?.title).toBe('Pipeline still running at timeout');
    expect(error?.message).toContain('timeout-minutes (0.05)');
    expect(error?.message).toContain("'execution-id: 11111111-2222-3333-4444-555555555555'");
  });
});

describe('failureMessage', () => {
  const failedDeploy = (errorMessage: string) =>
    actionRun({ stageName: 'Deploy', actionName: 'Deploy', provider: 'CodeDeployToECS', status: 'Failed', errorCode: 'JobFailed', errorMessage });

  it('tells what to do when the deployment group already has an active deployment', () => {
    // Act
    const message = failureMessage(report({ failedRun: failedDeploy("The Deployment Group 'app-dg' already has an active Deployment.") }));

    // Assess
    expect(message).toContain("The Deployment Group 'app-dg' already has an active Deployment. (JobFailed). Another deployment is still active");
    expect(message).toContain('aws deploy stop-deployment --deployment-id <id> --auto-rollback-enabled');
  });

  it('adds no such advice to other failures, nor to a build whose log mentions it', () => {
    // Act
    const deploy = failureMessage(report({ failedRun: failedDeploy('Deployment d-1 failed: green tasks failed health checks') }));
    const build = failureMessage(report({ failedRun: { ...failedBuild, errorMessage: 'already has an active Deployment' } }));

    // Assess
    expect(deploy).not.toContain('Another deployment is still active');
    expect(build).not.toContain('Another deployment is still active');
  });
});

describe('renderSummary', () => {
  it('says what cancelling did to the deployment, naming the permission a refused rollback lacked', () => {
    // Prepare
    const cancelled = report({
      outcome: outcomes.StopRequested,
      status: 'Stopping',
      failedRun: undefined,
      cancellation: { onCancel: 'rollback', stop: 'Stopping', rollbacks: [{ deploymentId: 'd-ABCDEFGHI', result: 'denied' }], completing: [] },
    });

    // Act
    const markdown = renderSummary(cancelled);
    const failure = outcomeError(cancelled);

    // Assess
    expect(markdown).toContain('### On cancel (`on-cancel: rollback`)');
    expect(markdown).toContain('Deployment d-ABCDEFGHI was not rolled back: the role may not call codedeploy:StopDeployment');
    expect(failure?.title).toBe('Workflow cancelled: rollback denied (codedeploy:StopDeployment missing)');
  });

  it('shows the outcome, a row per planned action and the console link', () => {
    // Act
    const markdown = renderSummary(report());

    // Assess
    expect(markdown).toContain('## Pipeline `app` ❌ failed');
    expect(markdown).toContain(
      '(https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/app/executions/11111111-2222-3333-4444-555555555555/timeline?region=eu-west-1)',
    );
    expect(markdown).toContain('| Build | Unit\\|Tests | ❌ Failed | 10:00:05 | 1 min 00 s | [app-build:1234](https://console.aws.amazon.com/codebuild/1234) |');
    expect(markdown).toContain('| Deploy | Deploy | not run | | | |');
  });

  it('includes the failure and the build log tail', () => {
    // Act
    const markdown = renderSummary(report());

    // Assess
    expect(markdown).toContain('### Failure');
    expect(markdown).toContain('**Build › Unit\\|Tests**: Build terminated with state: FAILED (JobFailed)');
    expect(markdown).toContain('```text\nnpm test\nFAIL src/a.test.ts\n```');
  });

  it('draws a mermaid gantt timeline with failed actions marked critical', () => {
    // Act
    const markdown = renderSummary(report());

    // Assess
    expect(markdown).toContain('```mermaid\ngantt\n  dateFormat x');
    expect(markdown).toContain(`  section Build\n  ❌ Unit|Tests :crit, a1, ${Date.parse('2026-11-26T10:00:05Z')}, ${Date.parse('2026-11-26T10:01:05Z')}`);
  });

  it('omits failure details and the timeline when nothing ran', () => {
    // Act
    const markdown = renderSummary(report({ outcome: outcomes.Started, status: 'InProgress', runs: [], failedRun: undefined, buildLog: undefined }));

    // Assess
    expect(markdown).toContain('▶️ started');
    expect(markdown).not.toContain('### Failure');
    expect(markdown).not.toContain('mermaid');
  });
});
