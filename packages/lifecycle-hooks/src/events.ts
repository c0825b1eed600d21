/** What CodeDeploy sends to an ECS blue/green lifecycle hook (e.g. AfterAllowTestTraffic). */
interface CodeDeployHookEvent {
  readonly DeploymentId: string;
  readonly LifecycleEventHookExecutionId: string;
}

/** What Amazon ECS native blue/green deployments send to a lifecycle hook. */
interface EcsNativeHookEvent {
  readonly executionId: string;
  readonly lifecycleStage: string;
  readonly resourceArn?: string;
  readonly executionDetails?: {
    readonly serviceArn?: string;
    readonly targetServiceRevisionArn?: string;
    readonly testTrafficWeights?: Readonly<Record<string, number>>;
    readonly productionTrafficWeights?: Readonly<Record<string, number>>;
  };
  readonly hookDetails?: Readonly<Record<string, unknown>> | null;
}

const ECS_HOOK_STATUS = {
  Succeeded: 'SUCCEEDED',
  Failed: 'FAILED',
  InProgress: 'IN_PROGRESS',
} as const;

type EcsHookStatus = (typeof ECS_HOOK_STATUS)[keyof typeof ECS_HOOK_STATUS];

/** The answer ECS expects: IN_PROGRESS makes it call again after callBackDelay seconds with hookDetails. */
interface EcsHookResponse {
  readonly hookStatus: EcsHookStatus;
  readonly callBackDelay?: number;
  readonly hookDetails?: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

const isCodeDeployHookEvent = (event: unknown): event is CodeDeployHookEvent =>
  isRecord(event) && isNonEmptyString(event['DeploymentId']) && isNonEmptyString(event['LifecycleEventHookExecutionId']);

const isEcsNativeHookEvent = (event: unknown): event is EcsNativeHookEvent =>
  isRecord(event) && isNonEmptyString(event['executionId']) && isNonEmptyString(event['lifecycleStage']);

export { ECS_HOOK_STATUS, isCodeDeployHookEvent, isEcsNativeHookEvent };
export type { CodeDeployHookEvent, EcsHookResponse, EcsHookStatus, EcsNativeHookEvent };
