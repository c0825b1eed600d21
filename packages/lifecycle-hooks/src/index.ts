import { type AwsApi, type AwsClients, createAwsApi } from './aws-api.js';
import { type LifecycleReport, REPORT_OUTCOME, type ReportOutcome, reportLifecycleStatus } from './codedeploy-reporter.js';
import {
  type CheckConfig,
  CONFIG_DEFAULTS,
  type ExpectConfig,
  type HookConfig,
  type HookConfigInput,
  parseHookConfig,
  parseHookConfigJson,
} from './config.js';
import {
  type CodeDeployHookResult,
  type ConfigSource,
  createLifecycleHook,
  type LambdaContextLike,
  type LifecycleHookHandler,
  type LifecycleHookOptions,
} from './create-lifecycle-hook.js';
import { discoverTestListenerUrl } from './discovery.js';
import {
  HttpResponseParseError,
  LifecycleHookConfigError,
  LifecycleHookEventError,
  LifecycleReportError,
  TestListenerDiscoveryError,
} from './errors.js';
import {
  type CodeDeployHookEvent,
  ECS_HOOK_STATUS,
  type EcsHookResponse,
  type EcsHookStatus,
  type EcsNativeHookEvent,
  isCodeDeployHookEvent,
  isEcsNativeHookEvent,
} from './events.js';
import { type HttpCheckOptions, runHttpCheck } from './http-check.js';
import type { TlsOptions } from './http-request.js';
import { type LatencySummary, percentile, summarizeLatencies } from './latency.js';
import { createJsonLogger, type HookLogger, type LogFields, type LogLevel } from './logger.js';
import { type CheckResult, type Verdict, VERDICT_STATUS, type VerdictStatus } from './results.js';
import type { CustomCheck, CustomCheckContext } from './validate-green.js';

export {
  type AwsApi,
  type AwsClients,
  type CheckConfig,
  type CheckResult,
  type CodeDeployHookEvent,
  type CodeDeployHookResult,
  CONFIG_DEFAULTS,
  type ConfigSource,
  createAwsApi,
  createJsonLogger,
  createLifecycleHook,
  type CustomCheck,
  type CustomCheckContext,
  discoverTestListenerUrl,
  ECS_HOOK_STATUS,
  type EcsHookResponse,
  type EcsHookStatus,
  type EcsNativeHookEvent,
  type ExpectConfig,
  type HookConfig,
  type HookConfigInput,
  type HookLogger,
  type HttpCheckOptions,
  HttpResponseParseError,
  isCodeDeployHookEvent,
  isEcsNativeHookEvent,
  type LambdaContextLike,
  type LatencySummary,
  type LifecycleHookHandler,
  LifecycleHookConfigError,
  LifecycleHookEventError,
  type LifecycleHookOptions,
  type LifecycleReport,
  LifecycleReportError,
  type LogFields,
  type LogLevel,
  parseHookConfig,
  parseHookConfigJson,
  percentile,
  REPORT_OUTCOME,
  type ReportOutcome,
  reportLifecycleStatus,
  runHttpCheck,
  summarizeLatencies,
  TestListenerDiscoveryError,
  type TlsOptions,
  type Verdict,
  VERDICT_STATUS,
  type VerdictStatus,
};
