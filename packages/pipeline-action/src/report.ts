import type { ActionRun, PlannedStage } from './action-tracker.js';
import type { BuildLogTail } from './build-logs.js';
import type { DeploymentStory } from './deployment-story.js';
import { activeDeploymentAdvice } from './deployment-advice.js';
import type { HookFailure } from './hook-failure.js';
import type { ExecutionContext } from './execution-context.js';
import { formatDuration } from './format.js';
import type { CancelOutcome } from './on-cancel.js';
import type { Outcome } from './outcome.js';
import { serviceDeploymentSentence, type ServiceDeploymentFacts } from './service-deployment.js';

interface NewerExecution {
  readonly executionId: string;
  readonly status: string;
}

interface ExecutionReport extends ExecutionContext {
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
  /** The CodeDeploy deployment's phases, traffic and hook checks, as seen. */
  readonly deploymentStory: DeploymentStory | undefined;
  /** What cancelling did (StopRequested only). */
  readonly cancellation: CancelOutcome | undefined;
  readonly durationMs: number;
  readonly timeoutMinutes: number;
}

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
    report.serviceDeployment === undefined ? undefined : serviceDeploymentSentence(report.serviceDeployment, report.hookFailure !== undefined),
    report.hookFailure === undefined ? undefined : hookSentence(report.hookFailure),
    activeDeploymentAdvice(run),
  ].filter(
    (sentence) => sentence !== undefined,
  );
  return more.length === 0 ? message : `${message}${/[.!?]$/.test(message) ? '' : '.'} ${more.join(' ')}`;
};

const describeOutcome = (report: ExecutionReport): string =>
  `${report.outcome} after ${formatDuration(report.durationMs)}`;

export { describeOutcome, failureMessage };
export type { ExecutionReport, NewerExecution };
