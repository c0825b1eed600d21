import type { ActionExecutionDetail, PipelineDeclaration } from '@aws-sdk/client-codepipeline';

/** One run of one action within the followed execution (a stage retry gives an action a second run). */
interface ActionRun {
  readonly stageName: string;
  readonly actionName: string;
  readonly actionExecutionId: string;
  readonly provider: string | undefined;
  /** The action's configuration as the execution ran it (e.g. an ECS action's ClusterName and ServiceName). */
  readonly configuration: Readonly<Record<string, string>> | undefined;
  readonly status: string;
  readonly startTime: Date | undefined;
  /** Set once the run is no longer InProgress. */
  readonly endTime: Date | undefined;
  readonly externalId: string | undefined;
  readonly externalUrl: string | undefined;
  readonly externalSummary: string | undefined;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
}

interface ActionEvent {
  readonly kind: 'started' | 'ended';
  readonly run: ActionRun;
}

interface PlannedAction {
  readonly stageName: string;
  readonly actionName: string;
  readonly provider: string | undefined;
}

interface PlannedStage {
  readonly name: string;
  readonly actions: readonly PlannedAction[];
}

const IN_PROGRESS = 'InProgress';

const plannedStages = (pipeline: PipelineDeclaration | undefined): PlannedStage[] =>
  (pipeline?.stages ?? []).map((stage) => ({
    name: stage.name ?? '',
    actions: (stage.actions ?? []).map((action) => ({
      stageName: stage.name ?? '',
      actionName: action.name ?? '',
      provider: action.actionTypeId?.provider,
    })),
  }));

const toRun = (detail: ActionExecutionDetail, provider: string | undefined): ActionRun => {
  const result = detail.output?.executionResult;
  const status = detail.status ?? IN_PROGRESS;
  return {
    stageName: detail.stageName ?? '',
    actionName: detail.actionName ?? '',
    actionExecutionId: detail.actionExecutionId ?? `${detail.stageName}/${detail.actionName}`,
    provider: detail.input?.actionTypeId?.provider ?? provider,
    configuration: detail.input?.resolvedConfiguration ?? detail.input?.configuration,
    status,
    startTime: detail.startTime,
    endTime: status === IN_PROGRESS ? undefined : detail.lastUpdateTime,
    externalId: result?.externalExecutionId,
    externalUrl: result?.externalExecutionUrl,
    externalSummary: result?.externalExecutionSummary,
    errorCode: result?.errorDetails?.code,
    errorMessage: result?.errorDetails?.message,
  };
};

const byStart = (left: ActionRun, right: ActionRun): number =>
  (left.startTime?.getTime() ?? 0) - (right.startTime?.getTime() ?? 0);

/**
 * Merges successive ListActionExecutions answers for one execution into action runs, and reports each run's
 * start and end exactly once, however often and in whatever order the runs are seen.
 */
class ActionTracker {
  readonly stages: readonly PlannedStage[];
  readonly #runs = new Map<string, ActionRun>();

  constructor(stages: readonly PlannedStage[]) {
    this.stages = stages;
  }

  update(details: readonly ActionExecutionDetail[]): ActionEvent[] {
    const events: ActionEvent[] = [];
    const runs = details.map((detail) => toRun(detail, this.#plannedProvider(detail))).sort(byStart);
    for (const run of runs) {
      const previous = this.#runs.get(run.actionExecutionId);
      this.#runs.set(run.actionExecutionId, { ...previous, ...run, externalId: run.externalId ?? previous?.externalId });
      if (previous === undefined) events.push({ kind: 'started', run });
      if (run.status !== IN_PROGRESS && previous?.status !== run.status) events.push({ kind: 'ended', run });
    }
    return events;
  }

  runs(): ActionRun[] {
    return [...this.#runs.values()].sort(byStart);
  }

  inProgress(): ActionRun[] {
    return this.runs().filter((run) => run.status === IN_PROGRESS);
  }

  /** The latest run of an action, the one that decides its status. */
  latest(stageName: string, actionName: string): ActionRun | undefined {
    return this.runs()
      .filter((run) => run.stageName === stageName && run.actionName === actionName)
      .at(-1);
  }

  failed(): ActionRun | undefined {
    return this.#latestRuns().find((run) => run.status === 'Failed');
  }

  #latestRuns(): ActionRun[] {
    const latest = new Map<string, ActionRun>();
    for (const run of this.runs()) latest.set(`${run.stageName}\0${run.actionName}`, run);
    return [...latest.values()];
  }

  #plannedProvider(detail: ActionExecutionDetail): string | undefined {
    return this.stages
      .find((stage) => stage.name === detail.stageName)
      ?.actions.find((action) => action.actionName === detail.actionName)?.provider;
  }
}

export { ActionTracker, IN_PROGRESS, plannedStages };
export type { ActionEvent, ActionRun, PlannedAction, PlannedStage };
