import { type AwsClients, createAwsApi } from './aws-api.js';
import { type Budget, planBudget } from './budget.js';
import type { ReportOutcome } from './codedeploy-reporter.js';
import { type HookConfig, type HookConfigInput, parseHookConfig, parseHookConfigJson } from './config.js';
import { type EcsDecision, handleEcsNativeEvent } from './ecs-native.js';
import { boundedStageName } from './ecs-stages.js';
import { LifecycleHookEventError } from './errors.js';
import {
  type CodeDeployHookEvent,
  ECS_HOOK_STATUS,
  type EcsHookResponse,
  type EcsNativeHookEvent,
  isCodeDeployHookEvent,
  isEcsNativeHookEvent,
} from './events.js';
import { createJsonLogger, type HookLogger, logDecision } from './logger.js';
import { ecsDecisionFields, ecsInvocationFields, HOOK_LOG_MESSAGE } from './log-records.js';
import { VERDICT_STATUS, type Verdict, type VerdictStatus } from './results.js';
import { type CustomCheck, notReadyReason, validateGreen } from './validate-green.js';

/** The part of the Lambda context the hook uses. */
interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
  readonly awsRequestId?: string;
}

/** JSON text (like the GREENLIGHT_CONFIG variable), a config object, or nothing (which fails closed). */
type ConfigSource = string | HookConfigInput | undefined;

interface LifecycleHookOptions {
  /** Read and validated on every invocation, so a bad config becomes a Failed report rather than a crash. */
  readonly config: ConfigSource | (() => ConfigSource);
  /** Checks of your own, run after the HTTP checks with the same budget. */
  readonly customChecks?: readonly CustomCheck[];
  /** Time kept back from the checks for reporting to CodeDeploy (capped at a third of the remaining time). */
  readonly reportingMarginMs?: number;
  /** CodeDeploy and ELBv2 clients; created from the environment on first use by default. */
  readonly clients?: AwsClients;
  readonly logger?: HookLogger;
}

interface CodeDeployHookResult {
  readonly status: VerdictStatus;
  readonly report: ReportOutcome;
}

type LifecycleHookHandler = (
  event: unknown,
  context: LambdaContextLike,
) => Promise<CodeDeployHookResult | EcsHookResponse>;

const loadConfig = (source: LifecycleHookOptions['config']): HookConfig => {
  const value = typeof source === 'function' ? source() : source;
  return typeof value === 'object' ? parseHookConfig(value, 'config') : parseHookConfigJson(value);
};

const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : `unexpected failure: ${String(error)}`;

const failedVerdict = (reason: string): Verdict => ({ status: VERDICT_STATUS.Failed, reason, checks: [] });

// The AWS calls of CodeDeploy events, loaded with the first such event: their error classification comes with the
// SDK's retry module, which an ECS native hook (it calls no AWS API) never needs to load.
// One after the other: jest's ESM loader (the unit tests) fails two concurrent imports that share a module.
const codeDeployCalls = async () => {
  const { discoverTestListenerUrl } = await import('./discovery.js');
  const { reportLifecycleStatus } = await import('./codedeploy-reporter.js');
  return { discoverTestListenerUrl, reportLifecycleStatus };
};

const BUDGET_SPENT = 'time budget for the checks ran out (raise the Lambda timeout or shorten the checks)';

/**
 * Runs `decide` and turns any exception into a failure; at the deadline, resolves with a failure anyway: the
 * answer goes out in time even when a check (a custom one, say) ignores the abort signal.
 */
const decideInTime = async <T>(decide: () => Promise<T>, deadline: number, failed: (reason: string) => T): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(failed(BUDGET_SPENT)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([decide().catch((error: unknown) => failed(errorText(error))), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Builds the Lambda handler. It accepts both CodeDeploy lifecycle events (validates green, then reports exactly
 * one status with PutLifecycleEventHookExecutionStatus) and ECS native blue/green events (returns a hookStatus).
 * It fails closed: a bad config, no checks, an unreachable target or any exception means Failed.
 */
const createLifecycleHook = (options: LifecycleHookOptions): LifecycleHookHandler => {
  const rootLogger = options.logger ?? createJsonLogger();
  const customChecks = options.customChecks ?? [];
  const aws = createAwsApi(options.clients);

  const beginInvocation = (context: LambdaContextLike, fields: Readonly<Record<string, string>>) => {
    const logger = rootLogger.child({
      ...(context.awsRequestId === undefined ? {} : { requestId: context.awsRequestId }),
      ...fields,
    });
    const budget = planBudget(context.getRemainingTimeInMillis(), options.reportingMarginMs);
    const signal = AbortSignal.timeout(Math.max(1, budget.checksDeadline - Date.now()));
    return { logger, budget, signal };
  };

  const decideCodeDeploy = async (event: CodeDeployHookEvent, budget: Budget, signal: AbortSignal, logger: HookLogger) => {
    const config = loadConfig(options.config);
    const targetUrl =
      config.targetUrl ??
      (await (await codeDeployCalls()).discoverTestListenerUrl({
        aws,
        deploymentId: event.DeploymentId,
        deadline: budget.checksDeadline,
      }));
    logger.log('INFO', 'validating green', { targetUrl, checks: config.checks.length + customChecks.length });
    const validation = await validateGreen({
      config,
      targetUrl,
      readyBy: Math.min(Date.now() + config.readyTimeoutSeconds * 1_000, budget.checksDeadline),
      signal,
      customChecks,
      logger,
    });
    return validation.ready
      ? validation.verdict
      : failedVerdict(notReadyReason(config.readyTimeoutSeconds, validation.attempts, targetUrl, validation.probe));
  };

  const handleCodeDeploy = async (event: CodeDeployHookEvent, context: LambdaContextLike): Promise<CodeDeployHookResult> => {
    const { logger, budget, signal } = beginInvocation(context, { deploymentId: event.DeploymentId });
    const verdict = await decideInTime(() => decideCodeDeploy(event, budget, signal, logger), budget.checksDeadline, failedVerdict);
    logDecision(logger, verdict);
    try {
      const { reportLifecycleStatus } = await codeDeployCalls();
      const report = await reportLifecycleStatus(
        aws,
        {
          deploymentId: event.DeploymentId,
          lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
          status: verdict.status,
        },
        { deadline: budget.reportDeadline, logger },
      );
      logger.log('INFO', 'reported', { status: verdict.status, outcome: report });
      return { status: verdict.status, report };
    } catch (error) {
      // Nothing was recorded: throwing makes Lambda retry the asynchronous invocation, our only second chance.
      logger.log('ERROR', 'report failed', { status: verdict.status, error: errorText(error) });
      throw error;
    }
  };

  const handleEcsNative = async (event: EcsNativeHookEvent, context: LambdaContextLike): Promise<EcsHookResponse> => {
    const stage = boundedStageName(event.lifecycleStage);
    const { logger, budget, signal } = beginInvocation(context, ecsInvocationFields(event.executionId, stage, event.resourceArn));
    const failed = (reason: string): EcsDecision => ({ hookStatus: ECS_HOOK_STATUS.Failed, reason });
    const { reason, ...response } = await decideInTime(
      async () => handleEcsNativeEvent({ event, loadConfig: () => loadConfig(options.config), customChecks, logger, signal }),
      budget.checksDeadline,
      failed,
    );
    logger.log(
      response.hookStatus === ECS_HOOK_STATUS.Failed ? 'WARN' : 'INFO',
      HOOK_LOG_MESSAGE.Decision,
      ecsDecisionFields(stage, response.hookStatus, reason, response.callBackDelay),
    );
    return response;
  };

  return async (event, context) => {
    if (isCodeDeployHookEvent(event)) {
      return handleCodeDeploy(event, context);
    }
    if (isEcsNativeHookEvent(event)) {
      return handleEcsNative(event, context);
    }
    const error = new LifecycleHookEventError(
      'Unsupported event: expected a CodeDeploy lifecycle event {DeploymentId, LifecycleEventHookExecutionId} or an ' +
        'ECS native lifecycle event {executionId, lifecycleStage}; check what invokes this function.',
    );
    rootLogger.log('ERROR', 'unsupported event', { error: error.message });
    throw error;
  };
};

export { createLifecycleHook };
export type { CodeDeployHookResult, ConfigSource, LambdaContextLike, LifecycleHookHandler, LifecycleHookOptions };
