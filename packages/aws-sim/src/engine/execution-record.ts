import { EXECUTION_MODE, type ExecutionMode, type ActionScenario, type ErrorDetails, type PipelineScenario } from '../scenario.js';

const EXECUTION_STATUS = {
  InProgress: 'InProgress',
  Stopping: 'Stopping',
  Stopped: 'Stopped',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Superseded: 'Superseded',
  Cancelled: 'Cancelled',
} as const;
type ExecutionStatus = (typeof EXECUTION_STATUS)[keyof typeof EXECUTION_STATUS];

const ACTION_STATUS = { InProgress: 'InProgress', Succeeded: 'Succeeded', Failed: 'Failed', Abandoned: 'Abandoned' } as const;
type ActionStatus = (typeof ACTION_STATUS)[keyof typeof ACTION_STATUS];

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

/** One action execution, as ListActionExecutions shows it. */
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

type ExecutionFields = Pick<
  ExecutionRecord,
  'startTime' | 'variables' | 'sourceRevisions' | 'trigger' | 'historical' | 'status' | 'lastUpdateTime'
> &
  Partial<Pick<ExecutionRecord, 'clientRequestToken' | 'endTime'>>;

const newExecutionRecord = (scenario: PipelineScenario, pipelineExecutionId: string, fields: ExecutionFields): ExecutionRecord => ({
  pipelineName: scenario.name,
  pipelineExecutionId,
  pipelineVersion: 1,
  executionMode: scenario.executionMode ?? EXECUTION_MODE.Superseded,
  ...fields,
  artifactRevisions: [],
  actions: [],
  stages: new Map(),
  abandon: new AbortController(),
  stopping: new AbortController(),
  done: Promise.resolve(),
});

const isFinished = (status: ExecutionStatus): boolean => status !== EXECUTION_STATUS.InProgress && status !== EXECUTION_STATUS.Stopping;

export { ACTION_STATUS, type ActionStatus, EXECUTION_STATUS, type ExecutionStatus, isFinished, newExecutionRecord };
export type { ActionRun, ArtifactRevision, ExecutionRecord, ExecutionTrigger, SourceRevision };
