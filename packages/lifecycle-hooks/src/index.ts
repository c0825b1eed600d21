export type { AwsApi, AwsClients } from './aws-api.js';
export { createAwsApi } from './aws-api.js';
export { REPORT_OUTCOME, reportLifecycleStatus } from './codedeploy-reporter.js';
export type { LifecycleReport, ReportOutcome } from './codedeploy-reporter.js';
export { CONFIG_DEFAULTS, parseHookConfig, parseHookConfigJson } from './config.js';
export type { CheckConfig, ExpectConfig, HookConfig, HookConfigInput } from './config.js';
export { createLifecycleHook } from './create-lifecycle-hook.js';
export type {
  CodeDeployHookResult,
  ConfigSource,
  LambdaContextLike,
  LifecycleHookHandler,
  LifecycleHookOptions,
} from './create-lifecycle-hook.js';
export { discoverTestListenerUrl } from './discovery.js';
export {
  HttpResponseParseError,
  LifecycleHookConfigError,
  LifecycleHookEventError,
  LifecycleReportError,
  TestListenerDiscoveryError,
} from './errors.js';
export { ECS_HOOK_STATUS, isCodeDeployHookEvent, isEcsNativeHookEvent } from './events.js';
export type { CodeDeployHookEvent, EcsHookResponse, EcsHookStatus, EcsNativeHookEvent } from './events.js';
export { runHttpCheck } from './http-check.js';
export type { HttpCheckOptions } from './http-check.js';
export type { TlsOptions } from './http-request.js';
export { percentile, summarizeLatencies } from './latency.js';
export type { LatencySummary } from './latency.js';
export { createJsonLogger } from './logger.js';
export type { HookLogger, LogFields, LogLevel } from './logger.js';
export { VERDICT_STATUS } from './results.js';
export type { CheckResult, Verdict, VerdictStatus } from './results.js';
export type { CustomCheck, CustomCheckContext } from './validate-green.js';
