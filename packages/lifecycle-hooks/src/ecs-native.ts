import { type HookConfig, isUsableTargetUrl, TARGET_URL_EXPECTATION } from './config.js';
import { ECS_HOOK_STATUS, type EcsHookResponse, type EcsNativeHookEvent } from './events.js';
import type { HookLogger } from './logger.js';
import { type CustomCheck, validateGreen } from './validate-green.js';

interface EcsNativeHookOptions {
  readonly event: EcsNativeHookEvent;
  readonly config: HookConfig;
  readonly customChecks: readonly CustomCheck[];
  readonly logger: HookLogger;
  /** The time budget of this invocation's checks. */
  readonly signal: AbortSignal;
}

/** Carried through hookDetails between IN_PROGRESS invocations: when this deployment's readiness wait began. */
const READINESS_STARTED_KEY = 'greenlightReadinessStartedAt';

const TRAFFIC_SHIFT_WEIGHTS = {
  TEST_TRAFFIC_SHIFT: 'testTrafficWeights',
  POST_TEST_TRAFFIC_SHIFT: 'testTrafficWeights',
  PRODUCTION_TRAFFIC_SHIFT: 'productionTrafficWeights',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'productionTrafficWeights',
} as const;

/**
 * On rollback ECS calls the traffic-shift hooks again with the weights reversed: the target revision (green) has
 * no traffic on the stage's listener and another revision has it. Checking then would test blue as if it were
 * green, and failing would fight the rollback, so such calls succeed without checks.
 */
const rollbackDescription = (event: EcsNativeHookEvent): string | undefined => {
  const stage = event.lifecycleStage as keyof typeof TRAFFIC_SHIFT_WEIGHTS;
  const details = event.executionDetails;
  const target = details?.targetServiceRevisionArn;
  const weights = Object.hasOwn(TRAFFIC_SHIFT_WEIGHTS, stage) ? details?.[TRAFFIC_SHIFT_WEIGHTS[stage]] : undefined;
  if (target === undefined || weights === undefined) {
    return undefined;
  }
  const others = Object.entries(weights).filter(([revision]) => revision !== target);
  const targetWeight = weights[target] ?? 0;
  return targetWeight === 0 && others.some(([, weight]) => weight > 0)
    ? `rollback: ${event.lifecycleStage} gives the target revision 0% of the traffic; nothing of green to validate`
    : undefined;
};

const hookDetailsOf = (event: EcsNativeHookEvent): Readonly<Record<string, unknown>> => event.hookDetails ?? {};

/** hookDetails.targetUrl overrides config.targetUrl, so one function can serve several services. */
const resolveTargetUrl = (event: EcsNativeHookEvent, config: HookConfig): { url?: string; problem?: string } => {
  const override = hookDetailsOf(event)['targetUrl'];
  if (override === undefined) {
    return config.targetUrl === undefined
      ? { problem: 'no target URL: set targetUrl in GREENLIGHT_CONFIG or in the lifecycle hook\'s hookDetails' }
      : { url: config.targetUrl };
  }
  if (typeof override !== 'string' || !isUsableTargetUrl(override)) {
    return { problem: `hookDetails.targetUrl: ${TARGET_URL_EXPECTATION}` };
  }
  return { url: override };
};

const readinessStartedAt = (event: EcsNativeHookEvent, now: number): number => {
  const carried = hookDetailsOf(event)[READINESS_STARTED_KEY];
  return typeof carried === 'number' && Number.isFinite(carried) && carried <= now ? carried : now;
};

/**
 * Handles one ECS native lifecycle invocation without any CodeDeploy call. Each invocation probes green once;
 * while green is not ready and the readiness window (counted from the first invocation, carried in hookDetails)
 * is open, it answers IN_PROGRESS so ECS calls again instead of the function idling on a billed wait.
 */
const handleEcsNativeEvent = async (options: EcsNativeHookOptions): Promise<EcsHookResponse & { reason: string }> => {
  const { config, event } = options;
  const rollback = rollbackDescription(event);
  if (rollback !== undefined) {
    return { hookStatus: ECS_HOOK_STATUS.succeeded, reason: rollback };
  }
  const target = resolveTargetUrl(event, config);
  if (target.url === undefined) {
    return { hookStatus: ECS_HOOK_STATUS.failed, reason: target.problem ?? 'no target URL' };
  }
  const now = Date.now();
  const startedAt = readinessStartedAt(event, now);
  const readyEnd = startedAt + config.readyTimeoutSeconds * 1_000;
  const validation = await validateGreen({
    config,
    targetUrl: target.url,
    readyBy: now,
    signal: options.signal,
    customChecks: options.customChecks,
    logger: options.logger,
  });
  if (validation.ready) {
    return {
      hookStatus: validation.verdict.status === 'Succeeded' ? ECS_HOOK_STATUS.succeeded : ECS_HOOK_STATUS.failed,
      reason: validation.verdict.reason,
    };
  }
  const leftMs = readyEnd - Date.now();
  const probeReason = validation.probe.reason ?? 'no reason';
  if (leftMs <= 0) {
    return {
      hookStatus: ECS_HOOK_STATUS.failed,
      reason: `green not ready within ${config.readyTimeoutSeconds} s at ${target.url}: ${probeReason}`,
    };
  }
  return {
    hookStatus: ECS_HOOK_STATUS.inProgress,
    callBackDelay: Math.max(1, Math.min(config.callBackDelaySeconds, Math.ceil(leftMs / 1_000))),
    hookDetails: { ...hookDetailsOf(event), [READINESS_STARTED_KEY]: startedAt },
    reason: `green not ready yet at ${target.url}: ${probeReason}`,
  };
};

export { handleEcsNativeEvent };
export type { EcsNativeHookOptions };
