import { GetPipelineCommand, type CodePipelineClient, type PipelineDeclaration } from '@aws-sdk/client-codepipeline';
import { error as annotateError, summary as jobSummary, warning } from '@actions/core';
import { isRetryableAwsError, readAwsError, retry } from '@greenlight/aws-retry';
import { isCodeBuildAction, isCodeDeployAction } from './action-kinds.js';
import { ActionTracker, plannedStages } from './action-tracker.js';
import { describeAwsError } from './aws-errors.js';
import type { BuildLogTail } from './build-logs.js';
import { CancellationWatch, STOP_RESULT } from './cancel.js';
import { cancelSentences } from './cancel-report.js';
import { createCodePipelineClient } from './clients.js';
import type { DeploymentDetails } from './deployment-details.js';
import type { EcsDeploymentFollower } from './ecs-deployment-follower.js';
import { PipelineActionError } from './errors.js';
import type { GitHubDeployment } from './github-deployment.js';
import type { HookChecks } from './deployment-story.js';
import type { HookFailure } from './hook-failure.js';
import { isRolledBack, type ServiceDeploymentFacts } from './service-deployment.js';
import { learnTypicalDurations, type TypicalDurations } from './history.js';
import { ON_CANCEL, type ActionInputs } from './inputs.js';
import { followExecution, getExecution, isTerminal, refreshActions, settleDeployment, settleServiceDeployment, type FollowContext } from './monitor.js';
import { logLine, logLines } from './log.js';
import { cancelExecution } from './on-cancel.js';
import { findNewerExecution } from './newer-execution.js';
import { recordDeployment, recordExecution, recordFinished, recordReport, recordStopRequested } from './outputs.js';
import { PollSchedule } from './poll-schedule.js';
import { ProgressLog } from './progress.js';
import { executionContext } from './execution-context.js';
import { outcomes, outcomeRow } from './outcome.js';
import { describeOutcome, failureMessage, type ExecutionReport } from './report.js';
import { buildReport, type ReportFacts } from './report-builder.js';
import { clientRequestToken, planSourceRevisions, startExecution } from './start.js';
import type * as Summary from './summary.js';
import { readWorkflowRun, stopReason, type WorkflowRun } from './workflow-run.js';

type SummaryRenderers = typeof Summary;

// The runner kills the step 7.5 s after cancelling it; the last look at the deployment must leave time to report.
const CANCEL_LOOK_MS = 2_000;

interface Session {
  readonly inputs: ActionInputs;
  readonly run: WorkflowRun;
  readonly client: CodePipelineClient;
  readonly watch: CancellationWatch;
  readonly deadline: number;
  readonly startedAt: number;
}

// Setup calls (GetPipeline, StartPipelineExecution) retry transient failures with this backoff.
const setupRetry = (session: Session) => ({
  deadline: session.deadline,
  delay: (failures: number) => Math.min(20_000, 500 * 2 ** failures * (1 + Math.random() / 4)),
  isRetryable: isRetryableAwsError,
});

const callContext = (session: Session, permission: string | undefined, executionId?: string) => ({
  permission,
  pipelineName: session.inputs.pipelineName,
  region: session.inputs.region,
  ...(executionId === undefined ? {} : { executionId }),
});

const getPipeline = async (session: Session): Promise<PipelineDeclaration | undefined> => {
  try {
    const answer = await retry(
      () => session.client.send(new GetPipelineCommand({ name: session.inputs.pipelineName }), { abortSignal: session.watch.signal }),
      { ...setupRetry(session), signal: session.watch.signal },
    );
    return answer.pipeline;
  } catch (error) {
    if (session.watch.cancelled) throw error;
    throw describeAwsError(error, callContext(session, 'codepipeline:GetPipeline'));
  }
};

/** Starts the execution; deliberately not cancellable midway, so an execution never exists without us knowing its ID. */
const start = async (session: Session, pipeline: PipelineDeclaration | undefined): Promise<string> => {
  const plan = planSourceRevisions(session.inputs, pipeline, session.run);
  for (const note of plan.notes) logLine(note);
  const token = clientRequestToken(session.inputs, session.run);
  try {
    return await retry(() => startExecution(session.client, session.inputs, plan, token), setupRetry(session));
  } catch (error) {
    throw describeAwsError(error, callContext(session, 'codepipeline:StartPipelineExecution'));
  }
};

/** The job summary, rendered by the summary chunk (loaded only now): of the report, or of the error that ended the run. */
const writeSummary = async (render: (summary: SummaryRenderers) => string): Promise<void> => {
  try {
    await jobSummary.addRaw(render(await import('./summary.js'))).write();
  } catch (error) {
    logLine(`Job summary not written: ${(error as Error).message}`);
  }
};

/** Outputs, summary, GitHub deployment status and the one annotation: the end of every path that has a report. */
const finish = async (report: ExecutionReport, deployment: GitHubDeployment | undefined): Promise<void> => {
  recordReport(report, failureMessage(report));
  await writeSummary(({ renderSummary }) => renderSummary(report));
  await deployment?.update(report.outcome, `Pipeline ${report.pipelineName}: ${describeOutcome(report)}`);
  const outcome = outcomeRow(report.outcome);
  if (outcome.exit === 0) {
    logLine(`Pipeline ${report.pipelineName} execution ${report.executionId}: ${describeOutcome(report)}. ${report.executionUrl}`);
    return;
  }
  const failure = outcome.annotation(report);
  annotateError(failure.message, { title: failure.title });
  process.exitCode = outcome.exit;
};

const failedBuildLog = async (session: Session, tracker: ActionTracker, progress: ProgressLog): Promise<BuildLogTail | undefined> => {
  const failed = tracker.failed();
  if (failed?.externalId === undefined || !isCodeBuildAction(failed.provider)) return undefined;
  const { buildLogTail } = await import('./build-logs.js');
  const tail = await buildLogTail(session.inputs.region, failed.externalId, AbortSignal.timeout(15_000));
  progress.lines(failed, [
    tail.lines.length > 0 ? `Last ${tail.lines.length} lines of build ${failed.externalId}:` : (tail.note ?? ''),
    ...tail.lines.map((line) => `  ${line}`),
  ]);
  return tail;
};

/** The failed hook's own reason, from its log group: a CodeDeploy deployment's, or an ECS service deployment's. */
const failedHook = async (
  session: Session,
  tracker: ActionTracker,
  progress: ProgressLog,
  serviceDeployment: ServiceDeploymentFacts | undefined,
): Promise<HookFailure | undefined> => {
  const failed = tracker.failed();
  if (failed === undefined) return undefined;
  const codeDeployId = isCodeDeployAction(failed.provider) ? failed.externalId : undefined;
  if (codeDeployId === undefined && (serviceDeployment === undefined || !isRolledBack(serviceDeployment))) return undefined;
  const { hookFailure, serviceHookFailure } = await import('./hook-failure.js');
  const signal = AbortSignal.timeout(15_000);
  const hook = codeDeployId === undefined
    ? await serviceHookFailure(session.inputs.region, serviceDeployment, signal)
    : await hookFailure(session.inputs.region, codeDeployId, signal);
  if (hook !== undefined) {
    progress.lines(failed, [
      `${hook.lifecycleEvent} hook ${hook.functionName}: ${hook.reason ?? hook.note ?? ''}`,
      ...hook.failedChecks.map((check) => `  check "${check.name}" failed: ${check.reason}`),
    ]);
  }
  return hook;
};

/** On cancellation: cancel what we started as on-cancel says, or say why it is left running. */
const handleCancellation = async (session: Session, facts: Omit<ReportFacts, 'elapsedMs'>, startedByUs: boolean): Promise<ExecutionReport> => {
  const elapsedMs = Date.now() - session.startedAt;
  const onCancel = session.inputs.onCancel;
  if (!startedByUs || onCancel === ON_CANCEL.None) {
    warning(
      startedByUs
        ? 'Workflow cancelled; on-cancel is none, so the execution was left running.'
        : 'Workflow cancelled; the execution was not started by this step, so it was left running.',
    );
    return buildReport({ ...facts, elapsedMs, outcome: outcomes.LeftRunning, status: 'InProgress' });
  }
  const reason = stopReason(session.run, 'Workflow run cancelled');
  const knownDeploymentIds = facts.tracker
    .inProgress()
    .filter((run) => isCodeDeployAction(run.provider) && run.externalId !== undefined)
    .map((run) => run.externalId ?? '');
  const cancellation = await cancelExecution({
    client: session.client,
    region: facts.context.region,
    pipelineName: facts.context.pipelineName,
    executionId: facts.context.executionId,
    onCancel,
    reason,
    knownDeploymentIds,
    stopExecution: true,
  }).catch((error: unknown) => {
    // Not recorded as requested: the post step will try again.
    throw describeAwsError(error, callContext(session, 'codepipeline:StopPipelineExecution', facts.context.executionId));
  });
  recordStopRequested();
  logLines([`Stop requested for execution ${facts.context.executionId} (${cancellation.stop ?? 'already stopping'}): ${reason}`, ...cancelSentences(cancellation, true)]);
  return buildReport({
    ...facts,
    elapsedMs,
    outcome: outcomes.StopRequested,
    status: cancellation.stop === STOP_RESULT.Abandoned ? 'Stopped' : 'Stopping',
    cancellation,
  });
};

const follow = async (
  session: Session,
  context: FollowContext,
  facts: Omit<ReportFacts, 'elapsedMs' | 'execution'>,
): Promise<ExecutionReport> => {
  const result = await followExecution(context);
  let execution = result.execution;
  if (result.kind === 'timeout') {
    // The end may have come during the last wait: one more look decides between "ended" and "still running".
    execution = await getExecution(context).catch(() => execution);
  }
  await refreshActions(context);
  const serviceDeployment = await settleServiceDeployment(context);
  const settled = await settleDeployment(context);
  context.progress.close();
  const elapsedMs = Date.now() - session.startedAt;
  const deploymentFacts = serviceDeployment === undefined ? {} : { serviceDeployment };
  const story = (hookChecks: HookChecks | undefined) => (settled?.story === undefined ? {} : { deploymentStory: { ...settled.story, hookChecks } });
  if (!isTerminal(execution?.status)) {
    return buildReport({ ...facts, ...deploymentFacts, ...story(undefined), execution, elapsedMs, outcome: outcomes.TimedOut, status: execution?.status ?? 'InProgress' });
  }
  // The hook's verdict, for a deployment that passed its hooks too: FilterLogEvents in each hook's log group.
  const checks = settled?.deployment === undefined
    ? undefined
    : await (await import('./hook-checks.js')).hookChecks(session.inputs.region, settled.deployment, AbortSignal.timeout(15_000));
  const buildLog = await failedBuildLog(session, context.tracker, context.progress);
  const hookFailure = await failedHook(session, context.tracker, context.progress, serviceDeployment);
  context.progress.close();
  const supersededBy =
    execution?.status === 'Superseded'
      ? await findNewerExecution(session.client, session.inputs.pipelineName, facts.context.executionId, AbortSignal.timeout(15_000)).catch(
          () => undefined,
        )
      : undefined;
  return buildReport({
    ...facts,
    ...deploymentFacts,
    ...story(checks),
    execution,
    elapsedMs,
    ...(buildLog === undefined ? {} : { buildLog }),
    ...(hookFailure === undefined ? {} : { hookFailure }),
    ...(supersededBy === undefined ? {} : { supersededBy }),
  });
};

/** Everything after the inputs are valid: start (or find) the execution, follow it, report. */
const execute = async (inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<void> => {
  const session: Session = {
    inputs,
    run: readWorkflowRun(env),
    client: createCodePipelineClient(inputs.region),
    watch: new CancellationWatch(),
    deadline: Date.now() + inputs.timeoutMinutes * 60_000,
    startedAt: Date.now(),
  };
  let executionId: string | undefined;
  let deployment: GitHubDeployment | undefined;
  try {
    const historyPromise: Promise<TypicalDurations> = inputs.wait
      ? learnTypicalDurations(session.client, inputs.pipelineName, session.watch.signal)
      : Promise.resolve(new Map());
    const pipeline = await getPipeline(session);
    const startedByUs = inputs.executionId === undefined;
    executionId = inputs.executionId ?? (await start(session, pipeline));
    const context = executionContext(inputs.region, inputs.pipelineName, executionId);
    recordExecution({ ...context, startedByUs, onCancel: inputs.onCancel });
    logLine(`${startedByUs ? 'Started' : 'Following'} execution ${executionId} of pipeline ${inputs.pipelineName}: ${context.executionUrl}`);

    deployment = inputs.githubDeployment === undefined
      ? undefined
      : await (await import('./github-deployment.js')).GitHubDeployment.create(inputs.githubDeployment, session.run, context);
    const tracker = new ActionTracker(plannedStages(pipeline));
    const facts = { context, timeoutMinutes: inputs.timeoutMinutes, tracker };
    const following: FollowContext = {
      ...context,
      client: session.client,
      tracker,
      durations: await historyPromise,
      schedule: new PollSchedule(),
      deadline: session.deadline,
      signal: session.watch.signal,
      progress: new ProgressLog(),
      deploymentDetails: lazyDeploymentDetails(inputs.region, session.watch.signal),
      serviceDeployments: lazyServiceDeployments(inputs.region, session.watch.signal),
      onDeployment: deploymentRecorder(),
    };

    const cancel = async (): Promise<ExecutionReport> => {
      following.progress.close();
      const report = await handleCancellation(session, { ...facts, execution: undefined }, startedByUs);
      // Only once the stop is requested: a short last look shows where the deployment was when the run ended.
      const settled = await settleDeployment(following, AbortSignal.timeout(CANCEL_LOOK_MS)).catch(() => undefined);
      return settled?.story === undefined ? report : { ...report, deploymentStory: { ...settled.story, hookChecks: undefined } };
    };
    let report: ExecutionReport;
    if (session.watch.cancelled) {
      report = await cancel();
    } else if (!inputs.wait) {
      report = buildReport({ ...facts, execution: undefined, elapsedMs: Date.now() - session.startedAt, outcome: outcomes.Started, status: 'InProgress' });
    } else {
      try {
        report = await follow(session, following, facts);
      } catch (error) {
        if (!session.watch.cancelled) throw error;
        report = await cancel();
      }
    }
    if (report.outcome !== outcomes.StopRequested) recordFinished();
    await finish(report, deployment);
  } catch (error) {
    if (session.watch.cancelled && executionId === undefined) {
      recordFinished();
      throw new PipelineActionError('Workflow cancelled', 'The workflow was cancelled before the pipeline execution started; nothing was started.', { cause: error });
    }
    if (!session.watch.cancelled) recordFinished();
    if (readAwsError(error).name === 'AbortError') throw error;
    const failure = describeAwsError(error, callContext(session, undefined, executionId));
    await writeSummary(({ renderErrorSummary }) => renderErrorSummary(inputs.pipelineName, failure.title, failure.message));
    await deployment?.error(failure.title);
    throw failure;
  } finally {
    session.watch.dispose();
  }
};

/** Records each deployment id once, for the post step's rollback after a hard kill. */
const deploymentRecorder = (): ((deploymentId: string) => void) => {
  const recorded = new Set<string>();
  return (deploymentId) => {
    if (recorded.has(deploymentId)) return;
    recorded.add(deploymentId);
    recordDeployment(deploymentId);
  };
};

/** The CodeDeploy client and its chunk load only when a pipeline actually runs a CodeDeploy action. */
const lazyDeploymentDetails = (region: string, signal: AbortSignal): (() => Promise<DeploymentDetails>) => {
  let details: Promise<DeploymentDetails> | undefined;
  return () => {
    details ??= import('./deployment-details.js').then(({ DeploymentDetails }) => new DeploymentDetails(region, signal));
    return details;
  };
};

/** The ECS and ELBv2 clients and their chunk load only when a pipeline actually runs an ECS deploy action. */
const lazyServiceDeployments = (region: string, signal: AbortSignal): (() => Promise<EcsDeploymentFollower>) => {
  let follower: Promise<EcsDeploymentFollower> | undefined;
  return () => {
    follower ??= import('./ecs-deployment-follower.js').then(({ EcsDeploymentFollower }) => new EcsDeploymentFollower(region, signal));
    return follower;
  };
};

export { execute };
