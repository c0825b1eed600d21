import type { PipelineExecution } from '@aws-sdk/client-codepipeline';
import type { ActionTracker } from './action-tracker.js';
import { isCodeDeployAction } from './action-kinds.js';
import type { BuildLogTail } from './build-logs.js';
import type { DeploymentStory } from './deployment-story.js';
import type { HookFailure } from './hook-failure.js';
import type { CancelOutcome } from './on-cancel.js';
import type { ExecutionContext } from './execution-context.js';
import { outcomeOfStatus, type Outcome } from './outcome.js';
import type { ExecutionReport, NewerExecution } from './report.js';
import type { ServiceDeploymentFacts } from './service-deployment.js';

interface ReportFacts {
  readonly context: ExecutionContext;
  readonly timeoutMinutes: number;
  readonly tracker: ActionTracker;
  /** The last GetPipelineExecution answer, if any. */
  readonly execution: PipelineExecution | undefined;
  /** Overrides the outcome the status implies (Started, TimedOut, StopRequested). */
  readonly outcome?: Outcome;
  readonly status?: string;
  readonly buildLog?: BuildLogTail;
  readonly hookFailure?: HookFailure;
  readonly supersededBy?: NewerExecution;
  readonly cancellation?: CancelOutcome;
  /** The ECS service deployment of an ECS deploy action, as last seen. */
  readonly serviceDeployment?: ServiceDeploymentFacts;
  /** The CodeDeploy deployment's phases, traffic and hook checks, as seen. */
  readonly deploymentStory?: DeploymentStory;
  /** Local milliseconds spent, used when the actions' own timestamps cannot tell the duration. */
  readonly elapsedMs: number;
}

/** The execution's span from its actions' timestamps (the service's clock), else our own elapsed time. */
const executionDuration = (tracker: ActionTracker, elapsedMs: number): number => {
  const runs = tracker.runs();
  const starts = runs.flatMap((run) => (run.startTime === undefined ? [] : [run.startTime.getTime()]));
  const ends = runs.flatMap((run) => (run.endTime === undefined ? [] : [run.endTime.getTime()]));
  if (starts.length === 0 || ends.length === 0 || runs.some((run) => run.endTime === undefined)) return elapsedMs;
  return Math.max(...ends) - Math.min(...starts);
};

const buildReport = (facts: ReportFacts): ExecutionReport => {
  const status = facts.status ?? facts.execution?.status ?? 'InProgress';
  const deployment = facts.tracker
    .runs()
    .filter((run) => isCodeDeployAction(run.provider) && run.externalId !== undefined)
    .at(-1);
  return {
    ...facts.context,
    outcome: facts.outcome ?? outcomeOfStatus(status),
    status,
    statusSummary: facts.execution?.statusSummary || undefined,
    stages: facts.tracker.stages,
    runs: facts.tracker.runs(),
    failedRun: facts.tracker.failed(),
    buildLog: facts.buildLog,
    hookFailure: facts.hookFailure,
    supersededBy: facts.supersededBy,
    deploymentId: deployment?.externalId ?? facts.serviceDeployment?.serviceDeploymentArn,
    serviceDeployment: facts.serviceDeployment,
    deploymentStory: facts.deploymentStory,
    cancellation: facts.cancellation,
    durationMs: executionDuration(facts.tracker, facts.elapsedMs),
    timeoutMinutes: facts.timeoutMinutes,
  };
};

export { buildReport };
export type { ReportFacts };
