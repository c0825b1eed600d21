// The library's public API, as the README documents it: building a hook, custom checks, the HTTP check, the
// configuration, and the types of their options and results. Every other module is internal (the package's
// `exports` map offers only this entry); tests import internals by path.
import type { AwsClients } from './aws-api.js';
import type { ReportOutcome } from './codedeploy-reporter.js';
import { type CheckConfig, type ExpectConfig, type HookConfig, type HookConfigInput, parseHookConfig, parseHookConfigJson } from './config.js';
import {
  type CodeDeployHookResult,
  type ConfigSource,
  createLifecycleHook,
  type LambdaContextLike,
  type LifecycleHookHandler,
  type LifecycleHookOptions,
} from './create-lifecycle-hook.js';
import { LifecycleHookConfigError, LifecycleHookEventError, LifecycleReportError } from './errors.js';
import type { EcsHookResponse, EcsHookStatus } from './events.js';
import { type HttpCheckOptions, runHttpCheck } from './http-check.js';
import type { TlsOptions } from './http-request.js';
import type { LatencySummary } from './latency.js';
import type { HookLogger, LogFields, LogLevel } from './logger.js';
import type { CheckResult, VerdictStatus } from './results.js';
import type { CustomCheck, CustomCheckContext } from './validate-green.js';

export {
  type AwsClients,
  type CheckConfig,
  type CheckResult,
  type CodeDeployHookResult,
  type ConfigSource,
  createLifecycleHook,
  type CustomCheck,
  type CustomCheckContext,
  type EcsHookResponse,
  type EcsHookStatus,
  type ExpectConfig,
  type HookConfig,
  type HookConfigInput,
  type HookLogger,
  type HttpCheckOptions,
  type LambdaContextLike,
  type LatencySummary,
  type LifecycleHookHandler,
  LifecycleHookConfigError,
  LifecycleHookEventError,
  type LifecycleHookOptions,
  LifecycleReportError,
  type LogFields,
  type LogLevel,
  parseHookConfig,
  parseHookConfigJson,
  type ReportOutcome,
  runHttpCheck,
  type TlsOptions,
  type VerdictStatus,
};
