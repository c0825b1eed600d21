import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ActionExecutionDetail,
  type CodePipelineClient,
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  type PipelineExecution,
} from '@aws-sdk/client-codepipeline';
import { debug } from '@actions/core';
import { isRetryableAwsError } from '@greenlight/aws-retry';
import { isCodeDeployAction, isEcsDeployAction } from './action-kinds.js';
import type { ActionRun, ActionTracker } from './action-tracker.js';
import { describeAwsError } from './aws-errors.js';
import type { DeploymentDetails, SettledDeployment } from './deployment-details.js';
import type { EcsDeploymentFollower } from './ecs-deployment-follower.js';
import type { ExecutionContext } from './execution-context.js';
import { actionKey, type TypicalDurations } from './history.js';
import type { PollSchedule } from './poll-schedule.js';
import type { ProgressLog } from './progress.js';
import type { ServiceDeploymentFacts } from './service-deployment.js';

const TERMINAL_STATUSES = new Set(['Succeeded', 'Failed', 'Stopped', 'Cancelled', 'Superseded']);
// While actions run, the execution's own status is read every few polls anyway, so an ending that leaves actions
// untouched (Cancelled, Superseded while waiting) is still noticed.
const STATUS_CHECK_EVERY = 5;
// A deployment seen within its first seconds has nothing to show yet: its details wait for a later poll.
const DEPLOYMENT_WARMUP_MS = 2_000;

interface FollowContext extends ExecutionContext {
  readonly client: CodePipelineClient;
  readonly tracker: ActionTracker;
  readonly durations: TypicalDurations;
  readonly schedule: PollSchedule;
  /** Local epoch milliseconds at which following stops (timeout-minutes). */
  readonly deadline: number;
  readonly signal: AbortSignal;
  readonly progress: ProgressLog;
  /** Loaded on first need: only pipelines with a CodeDeploy action pay for the CodeDeploy client. */
  readonly deploymentDetails: () => Promise<DeploymentDetails>;
  /** Loaded on first need: only pipelines with an ECS deploy action pay for the ECS and ELBv2 clients. */
  readonly serviceDeployments: () => Promise<EcsDeploymentFollower>;
  /** Told the id of each running CodeDeploy deployment (or ECS service deployment ARN), on every poll that sees it. */
  readonly onDeployment: (deploymentId: string) => void;
}

type FollowResult =
  | { readonly kind: 'ended'; readonly execution: PipelineExecution }
  | { readonly kind: 'timeout'; readonly execution: PipelineExecution | undefined };

const isTerminal = (status: string | undefined): boolean => TERMINAL_STATUSES.has(status ?? '');

/** Every action execution of one pipeline execution, all pages. */
const listActionExecutions = async (
  context: Pick<FollowContext, 'client' | 'pipelineName' | 'executionId' | 'signal'>,
): Promise<ActionExecutionDetail[]> => {
  const details: ActionExecutionDetail[] = [];
  let nextToken: string | undefined;
  do {
    const page = await context.client.send(
      new ListActionExecutionsCommand({
        pipelineName: context.pipelineName,
        filter: { pipelineExecutionId: context.executionId },
        maxResults: 100,
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
      { abortSignal: context.signal },
    );
    details.push(...(page.actionExecutionDetails ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return details;
};

const getExecution = async (
  context: Pick<FollowContext, 'client' | 'pipelineName' | 'executionId' | 'signal'>,
): Promise<PipelineExecution> => {
  const answer = await context.client.send(
    new GetPipelineExecutionCommand({ pipelineName: context.pipelineName, pipelineExecutionId: context.executionId }),
    { abortSignal: context.signal },
  );
  return answer.pipelineExecution ?? {};
};

/**
 * When the next change is likely: the earliest moment a running action is expected to end, from how long it took
 * in recent executions. Undefined when any running action has no history (then the schedule backs off instead);
 * "now" between stages, when the next action is about to start. The service's timestamps are compared with our
 * clock as they are: AWS and the runner both keep NTP time, and a second or two of skew only shifts one poll,
 * which the overdue backoff absorbs.
 */
const expectedChangeAt = (context: FollowContext, running: readonly ActionRun[], now: number): number | undefined => {
  if (running.length === 0) return now;
  const predictions = running.map((run) => {
    const typical = context.durations.get(actionKey(run.stageName, run.actionName));
    return typical === undefined || run.startTime === undefined ? undefined : run.startTime.getTime() + typical;
  });
  if (predictions.some((prediction) => prediction === undefined)) return undefined;
  return Math.min(...(predictions as number[]));
};

const runningFor = (running: readonly ActionRun[], now: number): number | undefined => {
  const starts = running.flatMap((run) => (run.startTime === undefined ? [] : [run.startTime.getTime()]));
  return starts.length === 0 ? undefined : now - Math.min(...starts);
};

/** Shows CodeDeploy lifecycle and traffic changes of running deployment actions; true when anything changed. */
const followDeployments = async (context: FollowContext, now: number): Promise<boolean> => {
  const running = context.tracker.inProgress().filter((run) => isCodeDeployAction(run.provider) && run.externalId !== undefined);
  for (const run of running) context.onDeployment(run.externalId ?? '');
  const deploying = running.filter((run) => (runningFor([run], now) ?? 0) >= DEPLOYMENT_WARMUP_MS);
  let changed = false;
  for (const run of deploying) {
    const details = await context.deploymentDetails();
    const lines = await details.changes(run.externalId ?? '');
    context.progress.lines(run, lines);
    changed ||= lines.length > 0;
  }
  const serviceDeploying = context.tracker.inProgress().filter((run) => isEcsDeployAction(run.provider) && (runningFor([run], now) ?? 0) >= DEPLOYMENT_WARMUP_MS);
  for (const run of serviceDeploying) changed = (await followServiceDeployment(context, run)) || changed;
  return changed;
};

/** Shows what changed in the ECS service deployment of an ECS deploy action; true when anything did. */
const followServiceDeployment = async (context: FollowContext, run: ActionRun): Promise<boolean> => {
  const follower = await context.serviceDeployments();
  const lines = await follower.changes(run);
  context.progress.lines(run, lines);
  if (follower.serviceDeploymentArn !== undefined) context.onDeployment(follower.serviceDeploymentArn);
  return lines.length > 0;
};

/**
 * After the end: the last look at the ECS service deployment of the execution's ECS deploy action (its final
 * status, and the deployment itself when it ran between two polls). Undefined without such an action.
 */
const settleServiceDeployment = async (context: FollowContext): Promise<ServiceDeploymentFacts | undefined> => {
  const run = context.tracker.runs().filter((candidate) => isEcsDeployAction(candidate.provider)).at(-1);
  if (run === undefined) return undefined;
  await followServiceDeployment(context, run);
  return (await context.serviceDeployments()).facts();
};

const lastDeploymentRun = (context: FollowContext): ActionRun | undefined =>
  context.tracker.runs().filter((candidate) => isCodeDeployAction(candidate.provider) && candidate.externalId !== undefined).at(-1);

/**
 * After the end: the last look at the execution's CodeDeploy deployment (GetDeploymentTarget and GetDeployment,
 * which see the last lifecycle event end, the termination wait and a rollback's traffic). Undefined without one.
 * A cancelled run passes its own short `signal`: the run's is aborted by then.
 */
const settleDeployment = async (
  context: FollowContext,
  signal: AbortSignal = context.signal,
): Promise<(SettledDeployment & { readonly deploymentId: string }) | undefined> => {
  const run = lastDeploymentRun(context);
  const deploymentId = run?.externalId;
  if (run === undefined || deploymentId === undefined) return undefined;
  const settled = await (await context.deploymentDetails()).settle(deploymentId, signal);
  context.progress.lines(run, [...settled.lines]);
  return { ...settled, deploymentId };
};

/**
 * Follows one execution to its end or the deadline: each poll lists the execution's action executions (all
 * pages), prints what started or ended, and reads the execution's status when nothing runs any more (or every
 * few polls). Transient failures are retried with backoff and never end the run.
 */
const followExecution = async (context: FollowContext): Promise<FollowResult> => {
  let delay = context.schedule.bounds.minIntervalMs;
  let failures = 0;
  let pollsSinceStatus = 0;
  let lastExecution: PipelineExecution | undefined;
  for (;;) {
    const remaining = context.deadline - Date.now();
    if (remaining <= 0) return { kind: 'timeout', execution: lastExecution };
    await sleep(Math.min(delay, remaining), undefined, { signal: context.signal });
    // Named in the error if the role lacks it.
    let permission = 'codepipeline:ListActionExecutions';
    try {
      const details = await listActionExecutions(context);
      const now = Date.now();
      const events = context.tracker.update(details);
      context.progress.events(events);
      const deploymentChanged = await followDeployments(context, now);
      const running = context.tracker.inProgress();
      if (running.length === 0 || ++pollsSinceStatus >= STATUS_CHECK_EVERY) {
        pollsSinceStatus = 0;
        permission = 'codepipeline:GetPipelineExecution';
        lastExecution = await getExecution(context);
        if (isTerminal(lastExecution.status)) return { kind: 'ended', execution: lastExecution };
      }
      failures = 0;
      delay = context.schedule.next({
        now,
        changed: events.length > 0 || deploymentChanged,
        expectedChangeAt: expectedChangeAt(context, running, now),
        runningForMs: runningFor(running, now),
      });
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (!isRetryableAwsError(error)) {
        throw describeAwsError(error, {
          permission,
          pipelineName: context.pipelineName,
          region: context.region,
          executionId: context.executionId,
        });
      }
      failures++;
      delay = context.schedule.afterError(failures);
      debug(`Poll failed (${(error as Error).name}), retrying in ${delay} ms: ${(error as Error).message}`);
    }
  }
};

/** One last look after the end, so the summary shows every action's final state. */
const refreshActions = async (context: FollowContext): Promise<void> => {
  if (context.tracker.inProgress().length === 0) return;
  try {
    context.progress.events(context.tracker.update(await listActionExecutions(context)));
  } catch (error) {
    debug(`Final action refresh failed: ${(error as Error).message}`);
  }
};

export { followExecution, getExecution, isTerminal, listActionExecutions, refreshActions, settleDeployment, settleServiceDeployment };
export type { FollowContext, FollowResult };
