import { HOOKABLE_LIFECYCLE_EVENTS, isHookable, type HookableLifecycleEventName } from '@greenlight/contracts';
import { SimulatorScenarioError } from './errors.js';

const ACTION_OUTCOME = { Succeeded: 'Succeeded', Failed: 'Failed' } as const;
type ActionOutcome = (typeof ACTION_OUTCOME)[keyof typeof ACTION_OUTCOME];

const EXECUTION_MODE = { Queued: 'QUEUED', Superseded: 'SUPERSEDED', Parallel: 'PARALLEL' } as const;
type ExecutionMode = (typeof EXECUTION_MODE)[keyof typeof EXECUTION_MODE];

const ENDING_STATUS = { Superseded: 'Superseded', Stopped: 'Stopped', Cancelled: 'Cancelled' } as const;
type EndingStatus = (typeof ENDING_STATUS)[keyof typeof ENDING_STATUS];

/** The ECS blue/green lifecycle events, in the order CodeDeploy plays them. */
const ECS_LIFECYCLE_EVENTS = [
  'BeforeInstall',
  'Install',
  'AfterInstall',
  'AllowTestTraffic',
  'AfterAllowTestTraffic',
  'BeforeAllowTraffic',
  'AllowTraffic',
  'AfterAllowTraffic',
] as const;
type LifecycleEventName = (typeof ECS_LIFECYCLE_EVENTS)[number];

interface ErrorDetails {
  readonly code: string;
  readonly message: string;
}

/** How the scripted CodeBuild build of a `CodeBuild` action plays. */
interface BuildScript {
  /** Lines written to the build's CloudWatch Logs stream, spread evenly over the action's duration. */
  readonly logLines?: readonly string[];
  /** The phase that fails when the action's outcome is Failed (default BUILD). */
  readonly failedPhase?: string;
}

/** How the scripted (default) driver plays the CodeDeploy deployment of a `CodeDeployToECS` action. */
interface DeploymentScript {
  /** Lifecycle events at which the driver opens a hook and waits for PutLifecycleEventHookExecutionStatus. */
  readonly hooks?: readonly HookableLifecycleEventName[];
  /** The deployment fails at this event (rolling back unless `rollback: false`). */
  readonly failAt?: LifecycleEventName;
  readonly errorInformation?: ErrorDetails;
  readonly rollback?: boolean;
  /** Simulated seconds per lifecycle event; default: the action's duration spread over the events. */
  readonly stepSeconds?: number;
  /** Simulated seconds a hook may take to report before the deployment fails, as in AWS (default 3600). */
  readonly hookTimeoutSeconds?: number;
  /**
   * The AppSpec content CodePipeline passes to CodeDeploy (GetDeployment's `revision`). Default: a YAML appspec
   * for the ECS service whose `Hooks` map each event of `hooks` to the function `CodeDeployHook_<ApplicationName>_<event>` (@greenlight/contracts `hookFunctionName`).
   */
  readonly appSpecContent?: string;
}

interface ActionScenario {
  readonly name: string;
  /** Source | Build | Deploy | Test | Approval | Invoke | Compute */
  readonly category: string;
  /** e.g. CodeStarSourceConnection, CodeBuild, CodeDeployToECS, Manual. */
  readonly provider: string;
  readonly owner?: string;
  readonly version?: string;
  readonly configuration?: Readonly<Record<string, string>>;
  readonly runOrder?: number;
  readonly inputArtifacts?: readonly string[];
  readonly outputArtifacts?: readonly string[];
  readonly namespace?: string;
  /** Simulated seconds the action takes (default 10). */
  readonly durationSeconds?: number;
  readonly outcome?: ActionOutcome;
  readonly errorDetails?: ErrorDetails;
  readonly externalExecutionId?: string;
  readonly externalExecutionUrl?: string;
  readonly summary?: string;
  readonly outputVariables?: Readonly<Record<string, string>>;
  readonly build?: BuildScript;
  readonly deployment?: DeploymentScript;
}

interface StageScenario {
  readonly name: string;
  readonly actions: readonly ActionScenario[];
}

/** An execution that ends early, just before `beforeStage` would start. */
interface ExecutionEnding {
  readonly status: EndingStatus;
  readonly beforeStage: string;
  /** Stop reason (Stopped) or status summary (Cancelled). */
  readonly reason?: string;
}

/** What can change from one StartPipelineExecution to the next. */
type ActionOverride = Partial<
  Pick<
    ActionScenario,
    'durationSeconds' | 'outcome' | 'errorDetails' | 'externalExecutionId' | 'externalExecutionUrl' | 'summary' | 'build' | 'deployment'
  >
>;

interface StartOverride {
  /** By action name. */
  readonly actions?: Readonly<Record<string, ActionOverride>>;
  readonly ending?: ExecutionEnding;
}

/** A finished execution from before the simulator started, so clients can learn typical action durations. */
interface HistoricalExecution {
  readonly status?: 'Succeeded' | 'Failed' | 'Stopped' | 'Superseded';
  /** How long before the simulator started it ended (scenario seconds, scaled by timeScale like every duration; default one hour apart each). */
  readonly endedSecondsAgo?: number;
  /** By action name; default the scenario's durationSeconds. */
  readonly actionDurations?: Readonly<Record<string, number>>;
}

interface PipelineVariableDeclaration {
  readonly name: string;
  readonly defaultValue?: string;
  readonly description?: string;
}

interface PipelineScenario {
  readonly name: string;
  /** Default V2. */
  readonly pipelineType?: 'V1' | 'V2';
  /** Default SUPERSEDED. */
  readonly executionMode?: ExecutionMode;
  readonly variables?: readonly PipelineVariableDeclaration[];
  readonly stages: readonly StageScenario[];
  /** How every execution ends early, unless a start override says otherwise. */
  readonly ending?: ExecutionEnding;
  /** overrides[i] applies to the i-th StartPipelineExecution of this pipeline (0-based). */
  readonly starts?: readonly StartOverride[];
  readonly history?: readonly HistoricalExecution[];
  /** Server-side cap on ListActionExecutions / ListPipelineExecutions pages, to exercise pagination. */
  readonly listPageSize?: number;
}

const NAME_PATTERN = /^[A-Za-z0-9.@\-_]{1,100}$/;

const validateHooks = (pipeline: string, actionName: string, deployment: DeploymentScript | undefined): void => {
  // Scenarios come from JSON files too: the type does not guarantee what the value holds.
  const unhookable: string | undefined = (deployment?.hooks as readonly string[] | undefined)?.find((event) => !isHookable(event));
  if (unhookable !== undefined) {
    fail(pipeline, `action "${actionName}" deployment.hooks lists ${unhookable}, which runs no hooks (hookable: ${HOOKABLE_LIFECYCLE_EVENTS.join(', ')}).`);
  }
};

const fail = (pipeline: string, message: string): never => {
  throw new SimulatorScenarioError(`Pipeline scenario "${pipeline}": ${message}`);
};

/** Checks a scenario (from the API or a CLI JSON file) before anything runs, naming what is wrong. */
const validateScenario = (scenario: PipelineScenario): void => {
  if (scenario === null || typeof scenario !== 'object') {
    throw new SimulatorScenarioError(`A pipeline scenario must be an object, got ${JSON.stringify(scenario)}.`);
  }
  if (typeof scenario.name !== 'string' || !NAME_PATTERN.test(scenario.name)) {
    throw new SimulatorScenarioError(`Pipeline scenario name must match ${NAME_PATTERN.source}, got ${JSON.stringify(scenario.name)}.`);
  }
  const name = scenario.name;
  if (!Array.isArray(scenario.stages) || scenario.stages.length < 2) {
    fail(name, 'stages must be an array of at least two stages (CodePipeline requires a Source stage and one more).');
  }
  const stageNames = new Set<string>();
  const actionNames = new Set<string>();
  for (const stage of scenario.stages) {
    if (stage === null || typeof stage !== 'object' || typeof stage.name !== 'string') {
      fail(name, `every stage must be an object with a name, got ${JSON.stringify(stage)}.`);
    }
    if (stageNames.has(stage.name)) {
      fail(name, `stage name "${stage.name}" is used twice.`);
    }
    stageNames.add(stage.name);
    if (!Array.isArray(stage.actions) || stage.actions.length === 0) {
      fail(name, `stage "${stage.name}" must have at least one action.`);
    }
    for (const action of stage.actions) {
      if (action === null || typeof action !== 'object' || typeof action.name !== 'string') {
        fail(name, `every action of stage "${stage.name}" must be an object with a name, got ${JSON.stringify(action)}.`);
      }
      if (actionNames.has(action.name)) {
        fail(name, `action name "${action.name}" is used twice (the simulator needs action names unique per pipeline).`);
      }
      actionNames.add(action.name);
      if (typeof action.category !== 'string' || typeof action.provider !== 'string') {
        fail(name, `action "${action.name}" needs a category and a provider.`);
      }
      if (action.durationSeconds !== undefined && !(action.durationSeconds >= 0)) {
        fail(name, `action "${action.name}" durationSeconds must be a number ≥ 0.`);
      }
      if (action.outcome !== undefined && action.outcome !== 'Succeeded' && action.outcome !== 'Failed') {
        fail(name, `action "${action.name}" outcome must be Succeeded or Failed.`);
      }
      validateHooks(name, action.name, action.deployment);
    }
  }
  for (const start of scenario.starts ?? []) {
    for (const [actionName, override] of Object.entries(start.actions ?? {})) {
      validateHooks(name, actionName, override.deployment);
    }
  }
  const endings = [scenario.ending, ...(scenario.starts ?? []).map((start) => start.ending)];
  const mode = scenario.executionMode ?? EXECUTION_MODE.Superseded;
  for (const ending of endings) {
    if (ending !== undefined && !stageNames.has(ending.beforeStage)) {
      fail(name, `ending.beforeStage "${ending.beforeStage}" is not a stage of this pipeline.`);
    }
    if (ending?.status === ENDING_STATUS.Superseded && mode !== EXECUTION_MODE.Superseded) {
      fail(name, `ending Superseded needs executionMode SUPERSEDED: in ${mode} mode CodePipeline never supersedes an execution.`);
    }
  }
  if (mode !== EXECUTION_MODE.Superseded && scenario.history?.some((past) => past.status === 'Superseded') === true) {
    fail(name, `history holds a Superseded execution, which CodePipeline only produces in SUPERSEDED mode (this pipeline is ${mode}).`);
  }
  if (scenario.listPageSize !== undefined && !(scenario.listPageSize >= 1)) {
    fail(name, 'listPageSize must be ≥ 1.');
  }
};

export { ACTION_OUTCOME, type ActionOutcome, ECS_LIFECYCLE_EVENTS, ENDING_STATUS, type EndingStatus, EXECUTION_MODE, type ExecutionMode, HOOKABLE_LIFECYCLE_EVENTS, isHookable, validateScenario };
export type {
  ActionOverride,
  ActionScenario,
  BuildScript,
  DeploymentScript,
  ErrorDetails,
  ExecutionEnding,
  HistoricalExecution,
  HookableLifecycleEventName,
  LifecycleEventName,
  PipelineScenario,
  PipelineVariableDeclaration,
  StageScenario,
  StartOverride,
};
