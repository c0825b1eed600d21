import type { ActionRun, PlannedStage } from './action-tracker.js';
import type { BuildLogTail } from './build-logs.js';
import { cancelSentences, cancelTitle } from './cancel-report.js';
import { activeDeploymentAdvice } from './deployment-advice.js';
import type { HookFailure } from './hook-failure.js';
import { ExecutionOutcomeError } from './errors.js';
import { formatDuration } from './format.js';
import type { CancelOutcome } from './on-cancel.js';
import { serviceDeploymentSentence, type ServiceDeploymentFacts } from './service-deployment.js';

const Outcome = {
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Stopped: 'Stopped',
  Cancelled: 'Cancelled',
  Superseded: 'Superseded',
  /** We stopped following at timeout-minutes; the execution runs on. */
  TimedOut: 'TimedOut',
  /** wait: false — started (or found) and left to run. */
  Started: 'Started',
  /** The workflow was cancelled and we asked CodePipeline to stop the execution (and CodeDeploy to roll back). */
  StopRequested: 'StopRequested',
  /** The workflow was cancelled and the execution left running (not ours, or on-cancel: none). */
  LeftRunning: 'LeftRunning',
} as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

interface NewerExecution {
  readonly executionId: string;
  readonly status: string;
}

interface ExecutionReport {
  readonly pipelineName: string;
  readonly region: string;
  readonly executionId: string;
  readonly executionUrl: string;
  readonly outcome: Outcome;
  /** The CodePipeline status as last seen (InProgress on a timeout). */
  readonly status: string;
  readonly statusSummary: string | undefined;
  readonly stages: readonly PlannedStage[];
  readonly runs: readonly ActionRun[];
  readonly failedRun: ActionRun | undefined;
  readonly buildLog: BuildLogTail | undefined;
  /** The lifecycle hook a failed deployment stopped at, with the reason from its logs. */
  readonly hookFailure: HookFailure | undefined;
  readonly supersededBy: NewerExecution | undefined;
  /** The CodeDeploy deployment id, or the ECS service deployment ARN. */
  readonly deploymentId: string | undefined;
  /** The ECS service deployment of an ECS deploy action, as last seen. */
  readonly serviceDeployment: ServiceDeploymentFacts | undefined;
  /** What cancelling did (StopRequested only). */
  readonly cancellation: CancelOutcome | undefined;
  readonly durationMs: number;
  readonly timeoutMinutes: number;
}

const executionUrl = (region: string, pipelineName: string, executionId: string): string =>
  `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipelineName)}` +
  `/executions/${executionId}/timeline?region=${region}`;

/** What the failed hook said, or where to read it: CodeDeploy itself only knows that the hook reported Failed. */
const hookSentence = (hook: HookFailure): string =>
  `The ${hook.lifecycleEvent} hook ${hook.functionName} ` +
  (hook.reason === undefined ? `failed. ${hook.note ?? ''}` : `reported: ${hook.reason}`);

const failureMessage = (report: ExecutionReport): string | undefined => {
  const run = report.failedRun;
  if (run === undefined) return report.statusSummary;
  const code = run.errorCode === undefined ? '' : ` (${run.errorCode})`;
  const message = `${run.errorMessage ?? report.statusSummary ?? 'no error details'}${code}`;
  const more = [
    report.hookFailure === undefined ? undefined : hookSentence(report.hookFailure),
    report.serviceDeployment === undefined ? undefined : serviceDeploymentSentence(report.serviceDeployment),
    activeDeploymentAdvice(run),
  ].filter(
    (sentence) => sentence !== undefined,
  );
  return more.length === 0 ? message : `${message}${/[.!?]$/.test(message) ? '' : '.'} ${more.join(' ')}`;
};

/**
 * The one annotation for every outcome but success: what happened, and what to do next. Undefined when the
 * step should pass (Succeeded, or started with wait: false).
 */
const outcomeError = (report: ExecutionReport): ExecutionOutcomeError | undefined => {
  const execution = `Execution ${report.executionId} of pipeline '${report.pipelineName}'`;
  switch (report.outcome) {
    case Outcome.Succeeded:
    case Outcome.Started:
      return undefined;
    case Outcome.Failed: {
      const run = report.failedRun;
      const where = run === undefined ? '' : ` in stage ${run.stageName}, action ${run.actionName}`;
      const link = run?.externalUrl ?? report.executionUrl;
      return new ExecutionOutcomeError(
        `Pipeline failed${run === undefined ? '' : ` at ${run.stageName} › ${run.actionName}`}`,
        `${execution} failed${where}: ${failureMessage(report) ?? 'no details'}. Details: ${link} — fix the cause and ` +
          're-run the job, or retry the failed stage from the console.',
      );
    }
    case Outcome.Stopped:
      return new ExecutionOutcomeError(
        'Pipeline execution stopped',
        `${execution} was stopped${report.statusSummary === undefined ? '' : `: ${report.statusSummary}`}. ` +
          `Re-run the job to deploy again. ${report.executionUrl}`,
      );
    case Outcome.Cancelled:
      return new ExecutionOutcomeError(
        'Pipeline execution cancelled',
        `${execution} was cancelled because the pipeline's definition changed while it ran. Re-run the job to ` +
          `deploy with the new definition. ${report.executionUrl}`,
      );
    case Outcome.Superseded: {
      const newer = report.supersededBy;
      const by = newer === undefined ? 'a newer execution' : `newer execution ${newer.executionId} (${newer.status})`;
      return new ExecutionOutcomeError(
        'Pipeline execution superseded',
        `${execution} was superseded by ${by}, which deploys a more recent revision; this job does not follow ` +
          "it. Follow that execution with the 'execution-id' input, or give the pipeline the QUEUED execution " +
          'mode so every commit deploys.',
      );
    }
    case Outcome.TimedOut:
      return new ExecutionOutcomeError(
        'Pipeline still running at timeout',
        `${execution} was still ${report.status} after timeout-minutes (${report.timeoutMinutes}); it was left ` +
          `running: ${report.executionUrl}. Raise 'timeout-minutes', or follow it with 'execution-id: ${report.executionId}'.`,
      );
    case Outcome.StopRequested:
      return new ExecutionOutcomeError(
        cancelTitle(report.cancellation),
        [
          `The workflow run was cancelled, so CodePipeline was asked to stop execution ${report.executionId} of pipeline '${report.pipelineName}' (${report.status}).`,
          ...(report.cancellation === undefined ? [] : cancelSentences(report.cancellation, false)),
          report.executionUrl,
        ].join(' '),
      );
    case Outcome.LeftRunning:
      return new ExecutionOutcomeError(
        'Workflow cancelled: pipeline left running',
        `The workflow run was cancelled; execution ${report.executionId} of pipeline '${report.pipelineName}' was ` +
          "left running because this step did not start it or 'on-cancel' is none. " +
          report.executionUrl,
      );
  }
};

const describeOutcome = (report: ExecutionReport): string =>
  `${report.outcome} after ${formatDuration(report.durationMs)}`;

export { describeOutcome, executionUrl, failureMessage, Outcome, outcomeError };
export type { ExecutionReport, NewerExecution };
