import { AwsServiceError } from '../errors.js';
import {
  ENDING_STATUS,
  EXECUTION_MODE,
  validateScenario,
  type ActionScenario,
  type ExecutionEnding,
  type PipelineScenario,
  type StartOverride,
} from '../scenario.js';
import type { ActionServices } from './actions/action-runner.js';
import { runnerFor } from './actions/action-runners.js';
import { historicalExecution } from './execution-history.js';
import {
  ACTION_STATUS,
  EXECUTION_STATUS, type ExecutionStatus,
  isFinished,
  newExecutionRecord,
  type ActionRun,
  type ExecutionRecord,
  type ExecutionTrigger,
  type SourceRevision,
} from './execution-record.js';
import { runOrderGroups } from './run-order.js';
import { StageLocks } from './stage-locks.js';

// AWS: an abandoned execution "is in a Stopping state for a very short time"; how short is not published.
const ABANDON_SECONDS = 1;

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

/** A function, not an inline comparison: the status changes while the engine awaits, which narrowing cannot see. */
const isStopping = (execution: ExecutionRecord): boolean => execution.status === EXECUTION_STATUS.Stopping;

/**
 * Plays CodePipeline executions of the registered scenarios on the wall clock, durations scaled by timeScale: stage by stage, runOrder
 * group by group, each action by the runner of its provider (actions/action-runners.ts), which creates the
 * CodeBuild builds and CodeDeploy deployments of the actions that have them.
 */
class PipelineEngine {
  readonly #options: ActionServices;
  readonly #pipelines = new Map<string, PipelineRecord>();

  constructor(options: ActionServices) {
    this.#options = options;
  }

  add(scenario: PipelineScenario): void {
    validateScenario(scenario);
    const record: PipelineRecord = {
      scenario,
      locks: new StageLocks(scenario.executionMode ?? EXECUTION_MODE.Superseded),
      created: this.#options.clock.now(),
      executions: [],
      tokens: new Map(),
      starts: 0,
    };
    this.#pipelines.set(scenario.name, record);
    (scenario.history ?? []).forEach((past, index) => {
      record.executions.push(historicalExecution(scenario, past, index, this.#options.clock, this.#options.random));
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
    if (execution.status === EXECUTION_STATUS.Stopping && (!abandon || execution.stop?.abandon === true)) {
      throw new AwsServiceError(
        'DuplicatedStopRequestException',
        `Pipeline execution ${executionId} is already stopping.${abandon ? '' : ' Stop it again with abandon to end it at once.'}`,
      );
    }
    const now = this.#options.clock.now();
    execution.stop = { ...(reason === undefined ? {} : { reason }), abandon };
    execution.status = EXECUTION_STATUS.Stopping;
    execution.lastUpdateTime = now;
    for (const [stage, status] of execution.stages) {
      if (status === 'InProgress') {
        execution.stages.set(stage, 'Stopping');
      }
    }
    execution.stopping.abort(new Error(`Pipeline execution ${executionId} was stopped.`));
    if (abandon) {
      for (const run of execution.actions) {
        if (run.status === ACTION_STATUS.InProgress) {
          run.status = ACTION_STATUS.Abandoned;
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
      status: EXECUTION_STATUS.InProgress,
      lastUpdateTime: now,
    });
    pipeline.executions.push(execution);
    execution.done = this.#run(pipeline, execution, override, ending).catch((error: unknown) => {
      if (!clock.shutdownSignal.aborted && !isFinished(execution.status)) {
        execution.statusSummary = `The simulator failed to play this execution: ${(error as Error).message}`;
        this.#finish(execution, EXECUTION_STATUS.Failed);
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
        const failed = runs.find((run) => run.status === ACTION_STATUS.Failed);
        if (isStopping(execution)) {
          await this.#endStopped(execution);
          return;
        }
        if (failed !== undefined) {
          execution.stages.set(stage.name, 'Failed');
          execution.statusSummary = `Action ${failed.action.name} in stage ${stage.name} failed: ${failed.errorDetails?.message ?? 'no details'}`;
          this.#finish(execution, EXECUTION_STATUS.Failed);
          return;
        }
      }
      execution.stages.set(stage.name, 'Succeeded');
      pipeline.locks.release(execution.pipelineExecutionId);
    }
    this.#finish(execution, EXECUTION_STATUS.Succeeded);
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
    this.#finish(execution, EXECUTION_STATUS.Stopped);
  }

  #end(pipeline: PipelineRecord, execution: ExecutionRecord, ending: ExecutionEnding): void {
    switch (ending.status) {
      case ENDING_STATUS.Stopped:
        execution.stop = { reason: ending.reason ?? 'Stopped from the console by another user.', abandon: false };
        this.#finish(execution, EXECUTION_STATUS.Stopped);
        return;
      case ENDING_STATUS.Cancelled:
        execution.statusSummary = ending.reason ?? 'The pipeline definition was updated while this execution was in progress.';
        this.#finish(execution, EXECUTION_STATUS.Cancelled);
        return;
      case ENDING_STATUS.Superseded: {
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
    this.#finish(execution, EXECUTION_STATUS.Superseded);
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
      status: ACTION_STATUS.InProgress,
      startTime: now,
      lastUpdateTime: now,
      ...(action.externalExecutionId === undefined ? {} : { externalExecutionId: action.externalExecutionId }),
      ...(action.externalExecutionUrl === undefined ? {} : { externalExecutionUrl: action.externalExecutionUrl }),
    };
    execution.actions.push(run);
    try {
      await runnerFor(action)(run, execution, this.#options);
    } catch (error) {
      if (!execution.abandon.signal.aborted && !clock.shutdownSignal.aborted) {
        throw error;
      }
    }
    return run;
  }
}

const mergeOverride = (action: ActionScenario, override: StartOverride): ActionScenario => {
  const changes = override.actions?.[action.name];
  return changes === undefined ? action : { ...action, ...changes };
};

export { PipelineEngine };
