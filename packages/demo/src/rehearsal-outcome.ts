import type { CallRecord, DeploymentView } from '@greenlight/aws-sim';
import type { StepRunResult } from '@greenlight/testkit';
import type { DeploymentRecord } from './blue-green-deployment.js';
import { tally, type LoadReport, type Tally } from './load-generator.js';
import { EXPECTED_OUTCOME, type Scenario } from './scenarios.js';

interface RehearsalFacts {
  readonly scenario: Scenario;
  readonly deploymentConfig: string;
  readonly speed: number;
  readonly seed: number;
  readonly action: { readonly main: StepRunResult; readonly post?: StepRunResult; readonly summaryPath: string };
  readonly executionCount: number;
  readonly pipelineStatus: string | undefined;
  readonly deployment: DeploymentRecord;
  readonly deploymentView: DeploymentView | undefined;
  /** PutLifecycleEventHookExecutionStatus reports CodeDeploy accepted: exactly one when nothing is double-done. */
  readonly hookReports: number;
  readonly load: LoadReport;
  readonly testTrafficAt: number | undefined;
  readonly deploymentEndedAt: number | undefined;
  /** When the action's step (and its post step, after a cancel) exited. */
  readonly actionEndedAt: number;
  readonly firstGreenProductionAt: number | undefined;
  readonly calls: readonly CallRecord[];
  readonly wallTimeMs: number;
}

interface RehearsalResult extends RehearsalFacts {
  /** True when the scenario's expected outcome happened and no production request failed. */
  readonly expectedOutcomeMet: boolean;
  /** What differed from the expected outcome, in words; empty when it was met. */
  readonly problems: readonly string[];
  /** Production requests from the test-traffic shift to the end of the deployment. */
  readonly cutover: Tally;
  /** Production requests after the deployment ended. */
  readonly final: Tally;
  /** From the hook's report reaching CodeDeploy to the first production response from green. */
  readonly hookToGreenMs: number | undefined;
  /** AWS calls made by the action and the hook, and how many were answered with an injected fault. */
  readonly awsCalls: { readonly total: number; readonly faulted: number };
}

const checkName = (reason: string | undefined): string | undefined => /check "([^"]+)"/.exec(reason ?? '')?.[1];

const onlyVersion = (versions: Readonly<Record<string, number>>, version: string): boolean =>
  Object.keys(versions).length === 1 && (versions[version] ?? 0) > 0;

/** Judges a rehearsal against its scenario's expected outcome. */
const evaluateRehearsal = (facts: RehearsalFacts): RehearsalResult => {
  const { scenario, action, load, deployment, deploymentView } = facts;
  const problems: string[] = [];
  const expect = (condition: boolean, problem: string): void => {
    if (!condition) problems.push(problem);
  };
  const cutoverSamples = load.samples.filter(
    (sample) =>
      facts.testTrafficAt !== undefined &&
      sample.startedAt >= facts.testTrafficAt &&
      (facts.deploymentEndedAt === undefined || sample.startedAt <= facts.deploymentEndedAt),
  );
  const finalSamples = load.samples.filter(
    (sample) => facts.deploymentEndedAt !== undefined && sample.startedAt > facts.deploymentEndedAt,
  );
  const final = tally(finalSamples);
  const exitCode = action.main.exitCode;
  const rollbacks = facts.calls.filter(
    (call) => call.operation === 'StopDeployment' && call.status === 200 && call.input['autoRollbackEnabled'] === true,
  );
  const errors = action.main.errors.map((error) => error.message).join('\n');

  expect(load.failed === 0, `${load.failed} of ${load.sent} production requests failed: ${load.errors.join('; ')}`);
  expect(facts.executionCount === 1, `expected exactly one pipeline execution, found ${facts.executionCount}`);
  expect(
    deployment.hookStatus === undefined || facts.hookReports === 1,
    `the hook should report exactly once, CodeDeploy accepted ${facts.hookReports} reports`,
  );
  switch (scenario.expected) {
    case EXPECTED_OUTCOME.Release:
      expect(exitCode === 0, `the action should exit 0 after a release, exited ${exitCode ?? action.main.signal}`);
      expect(facts.pipelineStatus === 'Succeeded', `the pipeline should succeed, ended ${facts.pipelineStatus ?? 'never'}`);
      expect(deploymentView?.status === 'Succeeded', `the deployment should succeed, ended ${deploymentView?.status ?? 'never'}`);
      expect(onlyVersion(final.versions, 'v2'), `after the release only v2 should answer, saw ${JSON.stringify(final.versions)}`);
      break;
    case EXPECTED_OUTCOME.Rollback: {
      const check = checkName(deployment.hookReason);
      expect(exitCode !== 0, 'the action should fail when the hook fails green, but exited 0');
      expect(facts.pipelineStatus === 'Failed', `the pipeline should fail, ended ${facts.pipelineStatus ?? 'never'}`);
      expect(deploymentView?.status === 'Failed', `the deployment should fail, ended ${deploymentView?.status ?? 'never'}`);
      expect(deploymentView?.rolledBack === true, 'the deployment should record its rollback');
      expect(check !== undefined, `the hook should name its failed check, logged ${deployment.hookReason ?? 'nothing'}`);
      expect(check !== undefined && errors.includes(check), `the action's ::error should name the check "${check ?? '?'}"`);
      expect(check !== undefined && action.main.summary.includes(check), `the job summary should name the check "${check ?? '?'}"`);
      expect(load.versions['v2'] === undefined, `production should never see v2, saw it ${load.versions['v2'] ?? 0} times`);
      break;
    }
    case EXPECTED_OUTCOME.Stopped:
      expect(exitCode !== 0, 'the cancelled action should not exit 0');
      expect(rollbacks.length === 1, `the action should have asked CodeDeploy once to stop the deployment with rollback, asked ${rollbacks.length} times`);
      expect(facts.pipelineStatus === 'Stopped', `the pipeline should be stopped, ended ${facts.pipelineStatus ?? 'never'}`);
      expect(deploymentView?.status === 'Stopped', `the deployment should be stopped, ended ${deploymentView?.status ?? 'never'}`);
      expect(deploymentView?.rolledBack === true, 'the stopped deployment should record its rollback');
      expect(onlyVersion(final.versions, 'v1'), `after the rollback only v1 should answer, saw ${JSON.stringify(final.versions)}`);
      break;
    case EXPECTED_OUTCOME.ReleasedAfterStop:
      expect(exitCode !== 0, 'the cancelled action should not exit 0');
      expect(rollbacks.length === 0, `on-cancel stop should not stop the deployment, StopDeployment was called ${rollbacks.length} times`);
      expect(facts.pipelineStatus === 'Stopped', `the pipeline should be stopped, ended ${facts.pipelineStatus ?? 'never'}`);
      expect(deploymentView?.status === 'Succeeded', `the deployment should complete, ended ${deploymentView?.status ?? 'never'}`);
      expect(onlyVersion(final.versions, 'v2'), `after the completed deployment only v2 should answer, saw ${JSON.stringify(final.versions)}`);
      break;
  }
  const hookToGreenMs =
    facts.firstGreenProductionAt === undefined || deployment.hookReportedAt === undefined
      ? undefined
      : facts.firstGreenProductionAt - deployment.hookReportedAt;
  return {
    ...facts,
    expectedOutcomeMet: problems.length === 0,
    problems,
    cutover: tally(cutoverSamples),
    final,
    hookToGreenMs,
    awsCalls: { total: facts.calls.length, faulted: facts.calls.filter((call) => call.fault !== undefined).length },
  };
};

export { evaluateRehearsal };
export type { RehearsalFacts, RehearsalResult };
