import { AwsServiceError } from '../errors.js';
import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';
import {
  ActionOutcome,
  EndingStatus,
  ExecutionMode,
  validateScenario,
  type ActionScenario,
  type ErrorDetails,
  type ExecutionEnding,
  type PipelineScenario,
  type StageScenario,
  type StartOverride,
} from '../scenario.js';
import { untilAborted } from './abortable.js';
import { StageLocks } from './stage-locks.js';
import type { BuildStore } from './build-store.js';
import { defaultAppSpec } from './app-spec.js';
import { DeploymentStatus, type DeploymentHandle, type DeploymentStore } from './deployment-store.js';
import type { DeploymentDriver } from './scripted-driver.js';
import type { ProviderRunner } from './provider-runner.js';

const ExecutionStatus = {
  InProgress: 'InProgress',
  Stopping: 'Stopping',
  Stopped: 'Stopped',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Superseded: 'Superseded',
  Cancelled: 'Cancelled',
} as const;
type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

const ActionStatus = { InProgress: 'InProgress', Succeeded: 'Succeeded', Failed: 'Failed', Abandoned: 'Abandoned' } as const;
type ActionStatus = (typeof ActionStatus)[keyof typeof ActionStatus];

const DEFAULT_DURATION_SECONDS = 10;
// AWS: an abandoned execution "is in a Stopping state for a very short time"; how short is not published.
const ABANDON_SECONDS = 1;

interface SourceRevision {
  readonly actionName: string;
  readonly revisionType: string;
  readonly revisionValue: string;
}

interface ArtifactRevision {
  readonly name: string;
  readonly revisionId: string;
  readonly revisionSummary: string;
  readonly revisionUrl?: string;
  readonly created: Date;
}

interface ActionRun {
  readonly actionExecutionId: string;
  readonly pipelineExecutionId: string;
  readonly stageName: string;
  readonly action: ActionScenario;
  status: ActionStatus;
  readonly startTime: Date;
  lastUpdateTime: Date;
  externalExecutionId?: string;
  externalExecutionUrl?: string;
  summary?: string;
  errorDetails?: ErrorDetails;
  outputVariables?: Readonly<Record<string, string>>;
}

interface ExecutionTrigger {
  readonly triggerType: string;
  readonly triggerDetail: string;
}

interface ExecutionRecord {
  readonly pipelineName: string;
  readonly pipelineExecutionId: string;
  readonly pipelineVersion: number;
  readonly executionMode: ExecutionMode;
  readonly startTime: Date;
  readonly clientRequestToken?: string;
  readonly variables: readonly { readonly name: string; readonly resolvedValue: string }[];
  readonly sourceRevisions: readonly SourceRevision[];
  readonly trigger: ExecutionTrigger;
  /** From the scenario's history, not started while the simulator ran. */
  readonly historical: boolean;
  status: ExecutionStatus;
  statusSummary?: string;
  lastUpdateTime: Date;
  endTime?: Date;
  artifactRevisions: ArtifactRevision[];
  stop?: { readonly reason?: string; readonly abandon: boolean };
  supersededBy?: string;
  readonly actions: ActionRun[];
  /** Stage name → that stage's status in this execution, for the stages it reached. */
  readonly stages: Map<string, string>;
  /** Abandon: the execution stops waiting for its running actions (their builds and deployments run on). */
  readonly abandon: AbortController;
  /** Aborted on any stop: an execution waiting at a stage's entrance gives up its place. */
  readonly stopping: AbortController;
  done: Promise<void>;
}

interface PipelineRecord {
  readonly scenario: PipelineScenario;
  readonly locks: StageLocks;
  readonly created: Date;
  readonly executions: ExecutionRecord[];
  readonly tokens: Map<string, string>;
  starts: number;
}

interface StartRequest {
  readonly variables?: readonly { readonly name: string; readonly value: string }[];
  readonly sourceRevisions?: readonly SourceRevision[];
  readonly clientRequestToken?: string;
}

interface EngineOptions {
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly builds: BuildStore;
  readonly deployments: DeploymentStore;
  readonly region: string;
  readonly account: string;
  readonly driverFor: (action: ActionScenario) => DeploymentDriver;
  /** Runners of further providers, by provider name (e.g. `ECS`). */
  readonly providerRunners?: Readonly<Record<string, ProviderRunner>>;
}

/** A function, not an inline comparison: the status changes while the engine awaits, which narrowing cannot see. */
const isStopping = (execution: ExecutionRecord): boolean => execution.status === ExecutionStatus.Stopping;

const isFinished = (status: ExecutionStatus): boolean => status !== ExecutionStatus.InProgress && status !== ExecutionStatus.Stopping;

/** Groups a stage's actions by runOrder: groups run one after another, the actions of a group in parallel. */
const runOrderGroups = (stage: StageScenario): ActionScenario[][] => {
  const byOrder = new Map<number, ActionScenario[]>();
  for (const action of stage.actions) {
    const order = action.runOrder ?? 1;
    byOrder.set(order, [...(byOrder.get(order) ?? []), action]);
  }
  return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([, actions]) => actions);
};

const stageDurationSeconds = (stage: StageScenario, durations: Readonly<Record<string, number>> = {}): number =>
  runOrderGroups(stage).reduce(
    (total, group) => total + Math.max(...group.map((action) => durations[action.name] ?? action.durationSeconds ?? DEFAULT_DURATION_SECONDS)),
    0,
  );

/**
 * Plays CodePipeline executions of the registered scenarios on the wall clock, durations scaled by timeScale: stage by stage, runOrder
 * group by group, creating CodeBuild builds and CodeDeploy deployments for the actions that have them.
 */
class PipelineEngine {
  readonly #options: EngineOptions;
  readonly #pipelines = new Map<string, PipelineRecord>();

  constructor(options: EngineOptions) {
    this.#options = options;
  }

  add(scenario: PipelineScenario): void {
    validateScenario(scenario);
    const record: PipelineRecord = {
      scenario,
      locks: new StageLocks(scenario.executionMode ?? ExecutionMode.Superseded),
      created: this.#options.clock.now(),
      executions: [],
      tokens: new Map(),
      starts: 0,
    };
    this.#pipelines.set(scenario.name, record);
    (scenario.history ?? []).forEach((past, index) => {
      record.executions.push(this.#historical(record, past.status ?? 'Succeeded', past.endedSecondsAgo ?? 3600 * (index + 1), past.actionDurations));
    });
  }

  pipeline(name: string): PipelineRecord {
    const record = this.#pipelines.get(name);
    if (record === undefined) {
      throw new AwsServiceError('PipelineNotFoundException', `Account '${this.#options.account}' does not have a pipeline with name '${name}'`);
    }
    return record;
  }

  execution(pipelineName: string, executionId: string): ExecutionRecord {
    const execution = this.pipeline(pipelineName).executions.find((candidate) => candidate.pipelineExecutionId === executionId);
    if (execution === undefined) {
      throw new AwsServiceError(
        'PipelineExecutionNotFoundException',
        `Pipeline execution ID ${executionId} does not exist in pipeline ${pipelineName}.`,
      );
    }
    return execution;
  }

  /** StartPipelineExecution after validation: the same clientRequestToken always answers the first execution. */
  start(pipelineName: string, request: StartRequest): string {
    const pipeline = this.pipeline(pipelineName);
    const token = request.clientRequestToken;
    const existing = token === undefined ? undefined : pipeline.tokens.get(token);
    if (existing !== undefined) {
      return existing;
    }
    const override = pipeline.scenario.starts?.[pipeline.starts] ?? {};
    pipeline.starts += 1;
    const execution = this.#launch(pipeline, request, override, pipeline.scenario.ending, {
      triggerType: 'StartPipelineExecution',
      triggerDetail: `arn:aws:sts::${this.#options.account}:assumed-role/github-actions/greenlight`,
    });
    if (token !== undefined) {
      pipeline.tokens.set(token, execution.pipelineExecutionId);
    }
    return execution.pipelineExecutionId;
  }

  /**
   * StopPipelineExecution with CodePipeline's rules: stop-and-wait lets the running actions finish (Succeeded or
   * Failed) and starts nothing more; abandon marks them Abandoned at once and unlocks the stage. Neither stops the
   * CodeBuild build or CodeDeploy deployment an action started.
   */
  stop(pipelineName: string, executionId: string, abandon: boolean, reason: string | undefined): void {
    const execution = this.pipeline(pipelineName).executions.find((candidate) => candidate.pipelineExecutionId === executionId);
    if (execution === undefined) {
      // StopPipelineExecution's model has no PipelineExecutionNotFoundException: an unknown id cannot be stopped.
      throw new AwsServiceError(
        'PipelineExecutionNotStoppableException',
        `Unable to stop pipeline execution ${executionId}: it does not exist in pipeline ${pipelineName}.`,
      );
    }
    if (isFinished(execution.status)) {
      throw new AwsServiceError(
        'PipelineExecutionNotStoppableException',
        `Unable to stop pipeline execution ${executionId}: it has already ended with status ${execution.status}.`,
      );
    }
    if (execution.status === ExecutionStatus.Stopping && (!abandon || execution.stop?.abandon === true)) {
      throw new AwsServiceError(
        'DuplicatedStopRequestException',
        `Pipeline execution ${executionId} is already stopping.${abandon ? '' : ' Stop it again with abandon to end it at once.'}`,
      );
    }
    const now = this.#options.clock.now();
    execution.stop = { ...(reason === undefined ? {} : { reason }), abandon };
    execution.status = ExecutionStatus.Stopping;
    execution.lastUpdateTime = now;
    for (const [stage, status] of execution.stages) {
      if (status === 'InProgress') {
        execution.stages.set(stage, 'Stopping');
      }
    }
    execution.stopping.abort(new Error(`Pipeline execution ${executionId} was stopped.`));
    if (abandon) {
      for (const run of execution.actions) {
        if (run.status === ActionStatus.InProgress) {
          run.status = ActionStatus.Abandoned;
          run.lastUpdateTime = now;
        }
      }
      this.#pipelines.get(pipelineName)?.locks.release(executionId);
      execution.abandon.abort(new Error(`Pipeline execution ${executionId} was abandoned.`));
    }
  }

  #launch(
    pipeline: PipelineRecord,
    request: StartRequest,
    override: StartOverride,
    ending: ExecutionEnding | undefined,
    trigger: ExecutionTrigger,
  ): ExecutionRecord {
    const { clock, random } = this.#options;
    const now = clock.now();
    const scenario = pipeline.scenario;
    const given = new Map((request.variables ?? []).map((variable) => [variable.name, variable.value]));
    const declared = (scenario.variables ?? []).map((variable) => ({
      name: variable.name,
      resolvedValue: given.get(variable.name) ?? variable.defaultValue ?? '',
    }));
    const execution = newExecutionRecord(scenario, random.uuid(), {
      startTime: now,
      ...(request.clientRequestToken === undefined ? {} : { clientRequestToken: request.clientRequestToken }),
      variables: declared,
      sourceRevisions: request.sourceRevisions ?? [],
      trigger,
      historical: false,
      status: ExecutionStatus.InProgress,
      lastUpdateTime: now,
    });
    pipeline.executions.push(execution);
    execution.done = this.#run(pipeline, execution, override, ending).catch((error: unknown) => {
      if (!clock.shutdownSignal.aborted && !isFinished(execution.status)) {
        execution.statusSummary = `The simulator failed to play this execution: ${(error as Error).message}`;
        this.#finish(execution, ExecutionStatus.Failed);
      }
    });
    return execution;
  }

  async #run(
    pipeline: PipelineRecord,
    execution: ExecutionRecord,
    override: StartOverride,
    ending: ExecutionEnding | undefined,
  ): Promise<void> {
    const end = override.ending ?? ending;
    for (const stage of pipeline.scenario.stages) {
      if (isFinished(execution.status)) {
        return;
      }
      if (isStopping(execution)) {
        await this.#endStopped(execution);
        return;
      }
      if (end?.beforeStage === stage.name) {
        this.#end(pipeline, execution, end);
        return;
      }
      const admission = await pipeline.locks.enter(stage.name, execution.pipelineExecutionId, execution.stopping.signal);
      if (admission.kind === 'superseded') {
        this.#supersede(execution, admission.by);
        return;
      }
      if (admission.kind === 'withdrawn') {
        if (!isFinished(execution.status)) {
          await this.#endStopped(execution);
        }
        return;
      }
      execution.stages.set(stage.name, 'InProgress');
      for (const group of runOrderGroups(stage)) {
        // A group's actions start together: one start time, so that ties list in declaration order.
        const groupStart = this.#options.clock.now();
        const runs = await Promise.all(
          group.map((action) => this.#runAction(execution, stage.name, mergeOverride(action, override), groupStart)),
        );
        if (isFinished(execution.status)) {
          return;
        }
        const failed = runs.find((run) => run.status === ActionStatus.Failed);
        if (isStopping(execution)) {
          await this.#endStopped(execution);
          return;
        }
        if (failed !== undefined) {
          execution.stages.set(stage.name, 'Failed');
          execution.statusSummary = `Action ${failed.action.name} in stage ${stage.name} failed: ${failed.errorDetails?.message ?? 'no details'}`;
          this.#finish(execution, ExecutionStatus.Failed);
          return;
        }
      }
      execution.stages.set(stage.name, 'Succeeded');
      pipeline.locks.release(execution.pipelineExecutionId);
    }
    this.#finish(execution, ExecutionStatus.Succeeded);
  }

  /** Stopping → Stopped once nothing runs: at once after stop-and-wait, after a moment for abandon. */
  async #endStopped(execution: ExecutionRecord): Promise<void> {
    if (execution.stop?.abandon === true) {
      await this.#options.clock.sleep(ABANDON_SECONDS);
    }
    for (const [stage, status] of execution.stages) {
      if (status === 'InProgress' || status === 'Stopping') {
        execution.stages.set(stage, 'Stopped');
      }
    }
    this.#finish(execution, ExecutionStatus.Stopped);
  }

  #end(pipeline: PipelineRecord, execution: ExecutionRecord, ending: ExecutionEnding): void {
    switch (ending.status) {
      case EndingStatus.Stopped:
        execution.stop = { reason: ending.reason ?? 'Stopped from the console by another user.', abandon: false };
        this.#finish(execution, ExecutionStatus.Stopped);
        return;
      case EndingStatus.Cancelled:
        execution.statusSummary = ending.reason ?? 'The pipeline definition was updated while this execution was in progress.';
        this.#finish(execution, ExecutionStatus.Cancelled);
        return;
      case EndingStatus.Superseded: {
        const newer = this.#launch(pipeline, {}, {}, undefined, {
          triggerType: 'WebhookV2',
          triggerDetail: ending.reason ?? 'A newer commit was pushed.',
        });
        this.#supersede(execution, newer.pipelineExecutionId);
        return;
      }
    }
  }

  #supersede(execution: ExecutionRecord, newerId: string): void {
    execution.supersededBy = newerId;
    // GetPipelineExecution has no field for the newer execution: statusSummary is where a client can read it.
    execution.statusSummary = `Superseded by pipeline execution ${newerId}.`;
    this.#finish(execution, ExecutionStatus.Superseded);
  }

  #finish(execution: ExecutionRecord, status: ExecutionStatus): void {
    const now = this.#options.clock.now();
    execution.status = status;
    execution.lastUpdateTime = now;
    execution.endTime = now;
    this.#pipelines.get(execution.pipelineName)?.locks.release(execution.pipelineExecutionId);
  }

  async #runAction(execution: ExecutionRecord, stageName: string, action: ActionScenario, now: Date): Promise<ActionRun> {
    const { clock, random } = this.#options;
    const run: ActionRun = {
      actionExecutionId: random.uuid(),
      pipelineExecutionId: execution.pipelineExecutionId,
      stageName,
      action,
      status: ActionStatus.InProgress,
      startTime: now,
      lastUpdateTime: now,
      ...(action.externalExecutionId === undefined ? {} : { externalExecutionId: action.externalExecutionId }),
      ...(action.externalExecutionUrl === undefined ? {} : { externalExecutionUrl: action.externalExecutionUrl }),
    };
    execution.actions.push(run);
    const runner = this.#options.providerRunners?.[action.provider];
    try {
      if (runner !== undefined) {
        const result = await runner({
          action,
          pipelineName: execution.pipelineName,
          pipelineExecutionId: execution.pipelineExecutionId,
          abandonSignal: execution.abandon.signal,
        });
        this.#complete(run, result.outcome, result.errorDetails, result.summary);
      } else if (action.provider === 'CodeBuild') {
        await this.#runBuild(execution, run);
      } else if (action.provider === 'CodeDeployToECS') {
        await this.#runDeployment(execution, run);
      } else {
        await clock.sleep(action.durationSeconds ?? DEFAULT_DURATION_SECONDS, execution.abandon.signal);
        if (action.category === 'Source') {
          this.#recordSource(execution, run);
        }
        this.#complete(run, action.outcome ?? ActionOutcome.Succeeded, action.errorDetails);
      }
    } catch (error) {
      if (!execution.abandon.signal.aborted && !clock.shutdownSignal.aborted) {
        throw error;
      }
    }
    return run;
  }

  #complete(run: ActionRun, outcome: ActionOutcome, errorDetails: ErrorDetails | undefined, summary?: string): void {
    if (run.status !== ActionStatus.InProgress) {
      return;
    }
    run.status = outcome;
    run.lastUpdateTime = this.#options.clock.now();
    const text = run.action.summary ?? summary ?? run.summary;
    if (text !== undefined) {
      run.summary = text;
    }
    if (run.action.outputVariables !== undefined) {
      run.outputVariables = { ...run.outputVariables, ...run.action.outputVariables };
    }
    if (outcome === ActionOutcome.Failed) {
      run.errorDetails = errorDetails ?? { code: 'JobFailed', message: `Action ${run.action.name} failed.` };
    }
  }

  #recordSource(execution: ExecutionRecord, run: ActionRun): void {
    const configuration = run.action.configuration ?? {};
    const pinned = execution.sourceRevisions.find((revision) => revision.actionName === run.action.name);
    const revision = pinned?.revisionValue ?? this.#options.random.hex(40);
    const repository = configuration['FullRepositoryId'];
    const revisionUrl = repository === undefined ? undefined : `https://github.com/${repository}/commit/${revision}`;
    run.externalExecutionId ??= revision;
    if (revisionUrl !== undefined) {
      run.externalExecutionUrl ??= revisionUrl;
    }
    run.outputVariables = {
      CommitId: revision,
      ...(configuration['BranchName'] === undefined ? {} : { BranchName: configuration['BranchName'] }),
      ...(repository === undefined ? {} : { FullRepositoryId: repository }),
      ...(configuration['ConnectionArn'] === undefined ? {} : { ConnectionArn: configuration['ConnectionArn'] }),
    };
    execution.artifactRevisions.push({
      name: run.action.outputArtifacts?.[0] ?? 'SourceArtifact',
      revisionId: revision,
      revisionSummary: `Commit ${revision.slice(0, 7)}`,
      ...(revisionUrl === undefined ? {} : { revisionUrl }),
      created: this.#options.clock.now(),
    });
    run.summary ??= `Commit ${revision.slice(0, 7)}`;
  }

  async #runBuild(execution: ExecutionRecord, run: ActionRun): Promise<void> {
    const { builds, clock, region, account } = this.#options;
    const action = run.action;
    const succeeded = (action.outcome ?? ActionOutcome.Succeeded) === ActionOutcome.Succeeded;
    const projectName = action.configuration?.['ProjectName'] ?? action.name;
    const durationSeconds = action.durationSeconds ?? DEFAULT_DURATION_SECONDS;
    const build = builds.start({
      projectName,
      durationSeconds,
      succeeded,
      ...(action.build?.failedPhase === undefined ? {} : { failedPhase: action.build.failedPhase }),
      logLines: action.build?.logLines ?? [],
      initiator: `codepipeline/${execution.pipelineName}`,
      ...(execution.artifactRevisions[0] === undefined ? {} : { sourceVersion: execution.artifactRevisions[0].revisionId }),
    });
    run.externalExecutionId = build.id;
    run.externalExecutionUrl = `https://console.aws.amazon.com/codesuite/codebuild/${account}/projects/${projectName}/build/${encodeURIComponent(build.id)}/?region=${region}`;
    await clock.sleep(durationSeconds, execution.abandon.signal);
    this.#complete(
      run,
      succeeded ? ActionOutcome.Succeeded : ActionOutcome.Failed,
      action.errorDetails ?? { code: 'JobFailed', message: 'Build terminated with state: FAILED' },
    );
  }

  async #runDeployment(execution: ExecutionRecord, run: ActionRun): Promise<void> {
    const { deployments, clock, region, account, driverFor } = this.#options;
    const configuration = run.action.configuration ?? {};
    const applicationName = configuration['ApplicationName'] ?? 'application';
    let handle: DeploymentHandle;
    try {
      handle = deployments.create({
        applicationName,
        deploymentGroupName: configuration['DeploymentGroupName'] ?? 'deployment-group',
        creator: 'user',
        appSpecContent: run.action.deployment?.appSpecContent ?? defaultAppSpec(applicationName, run.action.deployment?.hooks ?? [], region, account),
        pipeline: { name: execution.pipelineName, executionId: execution.pipelineExecutionId, actionName: run.action.name },
      });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) {
        throw error;
      }
      // CodePipeline reports why CodeDeploy refused to create the deployment (e.g. one is still active in the group).
      this.#complete(run, ActionOutcome.Failed, { code: 'JobFailed', message: error.message });
      return;
    }
    run.externalExecutionId = handle.deploymentId;
    run.externalExecutionUrl = `https://console.aws.amazon.com/codesuite/codedeploy/deployments/${handle.deploymentId}?region=${region}`;
    const signal = AbortSignal.any([deployments.stopSignal(handle.deploymentId), clock.shutdownSignal]);
    const driver = driverFor(run.action);
    void Promise.resolve()
      .then(() => driver(handle, signal))
      .then(
        () => {
          if (isDeploymentDone(handle.status()) || clock.shutdownSignal.aborted) {
            return;
          }
          const request = handle.stopRequest();
          if (request === undefined) {
            handle.succeed();
          } else {
            handle.stopped({ rollback: request.autoRollbackEnabled });
          }
        },
        (error: unknown) => {
          if (!isDeploymentDone(handle.status())) {
            handle.fail({ code: 'INTERNAL_ERROR', message: `The deployment driver failed: ${(error as Error).message}` });
          }
        },
      );
    const record = await untilAborted(deployments.get(handle.deploymentId).settled, execution.abandon.signal);
    if (record.status === DeploymentStatus.Succeeded) {
      this.#complete(run, ActionOutcome.Succeeded, undefined, `Deployment ${record.deploymentId} succeeded.`);
      return;
    }
    this.#complete(run, ActionOutcome.Failed, {
      code: 'JobFailed',
      message: `Deployment ${record.deploymentId} ${record.status === DeploymentStatus.Stopped ? 'was stopped' : 'failed'}: ${record.errorInformation?.message ?? 'no details'}`,
    });
  }

  #historical(
    pipeline: PipelineRecord,
    status: 'Succeeded' | 'Failed' | 'Stopped' | 'Superseded',
    endedSecondsAgo: number,
    durations: Readonly<Record<string, number>> | undefined,
  ): ExecutionRecord {
    const { clock, random } = this.#options;
    const scenario = pipeline.scenario;
    const endMs = clock.nowMs() - clock.realMs(endedSecondsAgo);
    const totalSeconds = scenario.stages.reduce((total, stage) => total + stageDurationSeconds(stage, durations), 0);
    let cursor = endMs - clock.realMs(totalSeconds);
    const execution = newExecutionRecord(scenario, random.uuid(), {
      startTime: new Date(cursor),
      variables: (scenario.variables ?? []).map((variable) => ({ name: variable.name, resolvedValue: variable.defaultValue ?? '' })),
      sourceRevisions: [],
      trigger: { triggerType: 'WebhookV2', triggerDetail: 'A commit was pushed.' },
      historical: true,
      status,
      lastUpdateTime: new Date(endMs),
      endTime: new Date(endMs),
    });
    const lastAction = scenario.stages.at(-1)?.actions.at(-1)?.name;
    for (const stage of scenario.stages) {
      for (const group of runOrderGroups(stage)) {
        let longest = 0;
        for (const action of group) {
          const seconds = durations?.[action.name] ?? action.durationSeconds ?? DEFAULT_DURATION_SECONDS;
          longest = Math.max(longest, seconds);
          const failedHere = status !== 'Succeeded' && action.name === lastAction;
          execution.actions.push({
            actionExecutionId: random.uuid(),
            pipelineExecutionId: execution.pipelineExecutionId,
            stageName: stage.name,
            action,
            status: failedHere ? (status === 'Failed' ? ActionStatus.Failed : ActionStatus.Abandoned) : ActionStatus.Succeeded,
            startTime: new Date(cursor),
            lastUpdateTime: new Date(cursor + clock.realMs(seconds)),
            ...(failedHere && status === 'Failed' ? { errorDetails: { code: 'JobFailed', message: `Action ${action.name} failed.` } } : {}),
          });
        }
        cursor += clock.realMs(longest);
      }
      execution.stages.set(stage.name, status === 'Succeeded' || stage !== scenario.stages.at(-1) ? 'Succeeded' : status);
    }
    return execution;
  }
}

type ExecutionFields = Pick<
  ExecutionRecord,
  'startTime' | 'variables' | 'sourceRevisions' | 'trigger' | 'historical' | 'status' | 'lastUpdateTime'
> &
  Partial<Pick<ExecutionRecord, 'clientRequestToken' | 'endTime'>>;

const newExecutionRecord = (scenario: PipelineScenario, pipelineExecutionId: string, fields: ExecutionFields): ExecutionRecord => ({
  pipelineName: scenario.name,
  pipelineExecutionId,
  pipelineVersion: 1,
  executionMode: scenario.executionMode ?? ExecutionMode.Superseded,
  ...fields,
  artifactRevisions: [],
  actions: [],
  stages: new Map(),
  abandon: new AbortController(),
  stopping: new AbortController(),
  done: Promise.resolve(),
});

const isDeploymentDone = (status: string): boolean =>
  status === DeploymentStatus.Succeeded || status === DeploymentStatus.Failed || status === DeploymentStatus.Stopped;

const mergeOverride = (action: ActionScenario, override: StartOverride): ActionScenario => {
  const changes = override.actions?.[action.name];
  return changes === undefined ? action : { ...action, ...changes };
};

export { ActionStatus, PipelineEngine };
export type { ActionRun, ExecutionRecord, SourceRevision };
