import type { HookConfig } from './config.js';
import { type CarriedReadiness, carryReadiness, parseEcsHookDetails } from './ecs-hook-details.js';
import { boundedStageName, CHECK_STAGES, type CheckStage, classifyStage } from './ecs-stages.js';
import { ECS_HOOK_STATUS, type EcsHookResponse, type EcsNativeHookEvent } from './events.js';
import type { HookLogger } from './logger.js';
import { type CustomCheck, notReadyReason, validateGreen } from './validate-green.js';

interface EcsNativeHookOptions {
  readonly event: EcsNativeHookEvent;
  /** Read only at the stages that check: a traffic-shift stage (run again on rollback) never depends on it. */
  readonly loadConfig: () => HookConfig;
  readonly customChecks: readonly CustomCheck[];
  readonly logger: HookLogger;
  /** The time budget of this invocation's checks. */
  readonly signal: AbortSignal;
}

type EcsDecision = EcsHookResponse & { readonly reason: string };

const succeeded = (reason: string): EcsDecision => ({ hookStatus: ECS_HOOK_STATUS.Succeeded, reason });
const failed = (reason: string): EcsDecision => ({ hookStatus: ECS_HOOK_STATUS.Failed, reason });

const checkStageList = CHECK_STAGES.join(', ');

/** Readiness state carried from this very stage of this very execution; any other starts a fresh window. */
const carriedFor = (event: EcsNativeHookEvent, readiness: CarriedReadiness | undefined): CarriedReadiness | undefined =>
  readiness !== undefined && readiness.executionId === event.executionId && readiness.lifecycleStage === event.lifecycleStage
    ? readiness
    : undefined;

/**
 * A stage where green has all the test traffic: runs the checks selected for it. Each invocation probes green once;
 * while green is not ready and the readiness window (from the first invocation, carried in hookDetails) is open, it
 * answers IN_PROGRESS so ECS calls again, instead of the function idling on a billed wait.
 */
const checkGreen = async (options: EcsNativeHookOptions, stage: CheckStage): Promise<EcsDecision> => {
  const { event } = options;
  const config = options.loadConfig();
  const parsed = parseEcsHookDetails(event.hookDetails, Date.now());
  if ('problem' in parsed) {
    return failed(parsed.problem);
  }
  const { details } = parsed;
  const checks = config.checks.filter((check) => check.stages.includes(stage));
  if (checks.length === 0 && options.customChecks.length === 0) {
    return failed(
      `no check runs at ${stage}: add "${stage}" to the stages of a check in GREENLIGHT_CONFIG, or stop registering the hook at ${stage}`,
    );
  }
  // hookDetails.targetUrl overrides config.targetUrl, so one function can serve several services.
  const targetUrl = details.targetUrl ?? config.targetUrl;
  if (targetUrl === undefined) {
    return failed("no target URL: set targetUrl in GREENLIGHT_CONFIG or in the lifecycle hook's hookDetails");
  }
  const now = Date.now();
  const carried = carriedFor(event, details.readiness);
  const startedAt = carried?.startedAt ?? now;
  const attempts = (carried?.attempts ?? 0) + 1;
  const validation = await validateGreen({
    config: { ...config, checks },
    targetUrl,
    readyBy: now,
    signal: options.signal,
    customChecks: options.customChecks,
    logger: options.logger,
    stage,
  });
  if (validation.ready) {
    const passed = validation.verdict.status === 'Succeeded';
    return passed ? succeeded(validation.verdict.reason) : failed(validation.verdict.reason);
  }
  const leftMs = startedAt + config.readyTimeoutSeconds * 1_000 - Date.now();
  if (leftMs <= 0) {
    return failed(notReadyReason(config.readyTimeoutSeconds, attempts, targetUrl, validation.probe));
  }
  return {
    hookStatus: ECS_HOOK_STATUS.InProgress,
    // Never later than the window's end, so the last probe comes before it closes.
    callBackDelay: Math.max(1, Math.min(config.callBackDelaySeconds, Math.ceil(leftMs / 1_000))),
    hookDetails: carryReadiness(details, {
      executionId: event.executionId,
      lifecycleStage: event.lifecycleStage,
      startedAt,
      attempts,
    }),
    reason: `green not ready yet at ${targetUrl} (attempt ${attempts}): ${validation.probe.reason ?? 'no reason'}`,
  };
};

/** Handles one ECS native lifecycle invocation without any AWS call: what it does depends on the stage. */
const handleEcsNativeEvent = async (options: EcsNativeHookOptions): Promise<EcsDecision> => {
  const stage = options.event.lifecycleStage;
  const kind = classifyStage(stage);
  switch (kind.kind) {
    case 'check':
      return checkGreen(options, kind.stage);
    case 'traffic-shift':
      // No config, no request: the same answer whether traffic moves forward or back in a rollback.
      return succeeded(
        `${stage}: nothing checked while traffic moves (ECS runs this stage again during a rollback, which a FAILED ` +
          `would fight); the checks run at ${checkStageList}`,
      );
    case 'before-test-traffic':
      return failed(`${stage}: green takes no test traffic yet, so no check can reach it: register the hook at ${checkStageList}`);
    case 'unknown':
      return failed(`lifecycle stage ${JSON.stringify(boundedStageName(stage))} is unknown to this hook: register it at ${checkStageList}`);
  }
};

export { handleEcsNativeEvent };
export type { EcsDecision, EcsNativeHookOptions };
