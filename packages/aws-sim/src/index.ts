export { startSimulator } from './simulator.js';
export type { ActionView, DeploymentView, ExecutionView, ServiceDeploymentView, Simulator, SimulatorOptions } from './simulator.js';
export { BLUE_GREEN_STAGES, HOOKABLE_STAGES, SERVICE_DEPLOYMENT_STATUS, type ServiceDeploymentStatus } from './engine/service-deployment-store.js';
export type { BlueGreenStage, EcsBlueGreenServiceSpec, EcsLifecycleHookSpec, HookableStage } from './engine/service-deployment-store.js';
export type { EcsHookInvoker, EcsHookPayload, EcsStageEntry, EcsStageObserver } from './engine/ecs-blue-green-driver.js';
export type { ListenerRuleSpec, RuleChangeListener, WeightedTargetGroup } from './engine/listener-rule-store.js';
export type { CreatedDeployment, HookTestDeploymentRequest } from './engine/hook-test-deployment.js';
export type { CallRecord } from './call-log.js';
export { SimClock } from './clock.js';
export { deriveSeed, SeededRandom } from './random.js';
export { trafficSteps } from './engine/deployment-config.js';
export type { TrafficStep } from './engine/deployment-config.js';
export { DROP_PHASE, type DropPhase, INJECTED_FAULT, type InjectedFault } from './faults.js';
export type { FaultSpec } from './faults.js';
export type { RateLimit } from './rate-limiter.js';
export type { SimulatorCredentials } from './protocol/sigv4.js';
export { ACTION_OUTCOME, type ActionOutcome, ECS_LIFECYCLE_EVENTS, ENDING_STATUS, type EndingStatus, EXECUTION_MODE, type ExecutionMode, HOOKABLE_LIFECYCLE_EVENTS } from './scenario.js';
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
} from './scenario.js';
export { DEPLOYMENT_STATUS, type DeploymentStatus, DEPLOYMENT_WAIT_TYPE, type DeploymentWaitType, LIFECYCLE_EVENT_STATUS, type LifecycleEventStatus } from './engine/deployment-store.js';
export type {
  DeploymentGroupSpec,
  DeploymentHandle,
  DeploymentReadyOption,
  FinishOptions,
  HookStatus,
  LifecycleEventState,
  LifecycleHook,
  LifecycleReport,
  StopOptions,
  StopRequest,
  TaskSetInfo,
  WaitOutcome,
} from './engine/deployment-store.js';
export type { DeploymentDriver } from './engine/scripted-driver.js';
export type { MetricSeriesSpec } from './engine/metric-store.js';
export type { ListenerSpec, LoadBalancerArns, LoadBalancerSpec } from './engine/load-balancer-store.js';
export { AwsServiceError, SimulatorCliError, SimulatorScenarioError, SimulatorUsageError } from './errors.js';
export { GREENLIGHT_ACTIONS, greenlightPipelineScenario } from './stack-scenario.js';
export type { GreenlightActionName, GreenlightAppSpec, GreenlightPipelineOptions } from './stack-scenario.js';
export { addNativeBlueGreenStack, greenlightNativePipelineScenario } from './native-stack-scenario.js';
export type { GreenlightNativePipelineOptions, NativeStack, NativeStackOptions } from './native-stack-scenario.js';
