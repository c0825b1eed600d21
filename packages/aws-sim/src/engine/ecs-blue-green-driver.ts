import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';
import type { ListenerRuleStore } from './listener-rule-store.js';
import {
  BLUE_GREEN_STAGES,
  HOOKABLE_STAGES,
  SERVICE_DEPLOYMENT_STATUS,
  type BlueGreenStage,
  type EcsLifecycleHookSpec,
  type EcsServiceRecord,
  type HookableStage,
  type HookDetailState,
  type ServiceDeploymentRecord,
} from './service-deployment-store.js';

/** What ECS sends a lifecycle hook function (Developer Guide, "Lambda functions for lifecycle hooks"). */
interface EcsHookPayload {
  readonly executionId: string;
  readonly lifecycleStage: HookableStage;
  readonly resourceArn: string;
  readonly executionDetails: {
    readonly serviceArn: string;
    readonly targetServiceRevisionArn: string;
    /** Service revision ARN → percent of the test listener rule's traffic. */
    readonly testTrafficWeights: Readonly<Record<string, number>>;
    /** Service revision ARN → percent of the production listener rule's traffic. */
    readonly productionTrafficWeights: Readonly<Record<string, number>>;
  };
  readonly hookDetails: Readonly<Record<string, unknown>> | null;
}

/**
 * Invokes the hook function synchronously, as ECS does, and resolves with its reply; rejecting stands for a
 * function error (or a function that cannot be invoked).
 */
type EcsHookInvoker = (invocation: { readonly functionArn: string; readonly payload: EcsHookPayload }) => Promise<unknown>;

/** A service deployment entering a lifecycle stage (`rollingBack` while ECS moves traffic back). */
interface EcsStageEntry {
  readonly serviceDeploymentArn: string;
  readonly stage: BlueGreenStage;
  readonly rollingBack: boolean;
}

/**
 * Plays what ECS does to tasks at a stage (start the target revision's at SCALE_UP, stop the source's at CLEAN_UP),
 * for a test or the demo that runs real tasks; the stage waits for it. Rejecting is ignored: ECS's task changes are
 * not what the simulator judges.
 */
type EcsStageObserver = (entry: EcsStageEntry) => Promise<void> | void;

interface DriverOptions {
  readonly clock: SimClock;
  readonly random: SeededRandom;
  readonly rules: ListenerRuleStore;
  readonly invoker: () => EcsHookInvoker | undefined;
  readonly stageObserver: () => EcsStageObserver | undefined;
}

const DEFAULT_STAGE_SECONDS = 5;
/** ECS calls an IN_PROGRESS hook again after callBackDelay seconds, 30 when the reply names none. */
const DEFAULT_CALLBACK_DELAY_SECONDS = 30;
const DEFAULT_HOOK_TIMEOUT_MINUTES = 1440;

type HookOutcome = { readonly succeeded: true } | { readonly succeeded: false; readonly reason: string };

const isHookable = (stage: BlueGreenStage): stage is BlueGreenStage & HookableStage => (HOOKABLE_STAGES as readonly string[]).includes(stage);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Percent of a rule's traffic per service revision, from the rule's target group weights. */
const revisionWeights = (
  service: EcsServiceRecord,
  record: ServiceDeploymentRecord,
  ruleArn: string | undefined,
  rules: ListenerRuleStore,
): Record<string, number> => {
  if (ruleArn === undefined || !rules.has(ruleArn)) {
    return {};
  }
  const groups = rules.get(ruleArn).targetGroups;
  const weightOf = (targetGroupArn: string): number => groups.find((group) => group.targetGroupArn === targetGroupArn)?.weight ?? 0;
  const total = groups.reduce((sum, group) => sum + group.weight, 0) || 1;
  return {
    [record.source.arn]: Math.round((weightOf(service.primaryTargetGroupArn) * 100) / total),
    [record.target.arn]: Math.round((weightOf(alternateOf(service)) * 100) / total),
  };
};

const alternateOf = (service: EcsServiceRecord): string =>
  service.primaryTargetGroupArn === service.spec.targetGroupArn ? service.spec.alternateTargetGroupArn : service.spec.targetGroupArn;

/**
 * Gives one target group `percent` of a rule's traffic (the other the rest), as ECS modifies the rule through its
 * infrastructure role.
 */
const shift = (rules: ListenerRuleStore, ruleArn: string | undefined, service: EcsServiceRecord, toTargetGroupArn: string, percent = 100): void => {
  if (ruleArn === undefined || !rules.has(ruleArn)) {
    return;
  }
  const other = toTargetGroupArn === service.primaryTargetGroupArn ? alternateOf(service) : service.primaryTargetGroupArn;
  // ELBv2 weights are whole numbers: a fractional canary share (0.1–100) becomes at least weight 1.
  const weight = percent >= 100 ? 100 : Math.max(percent > 0 ? 1 : 0, Math.round(percent));
  rules.setWeights(ruleArn, { [toTargetGroupArn]: weight, [other]: 100 - weight });
};

/**
 * The production shares of the target revision, step by step, with the scenario seconds to wait after each:
 * BLUE_GREEN all at once; LINEAR `stepPercent` more each step; CANARY `canaryPercent`, then the rest.
 */
const productionSteps = (service: EcsServiceRecord): { readonly percent: number; readonly bakeSeconds: number }[] => {
  const { spec } = service;
  if (spec.strategy === 'LINEAR' && spec.linearConfiguration !== undefined) {
    const { stepPercent, stepBakeTimeInMinutes = 0 } = spec.linearConfiguration;
    const steps = Array.from({ length: Math.ceil(100 / stepPercent) }, (_, index) => Math.min(100, stepPercent * (index + 1)));
    return steps.map((percent) => ({ percent, bakeSeconds: percent === 100 ? 0 : stepBakeTimeInMinutes * 60 }));
  }
  if (spec.strategy === 'CANARY' && spec.canaryConfiguration !== undefined) {
    const { canaryPercent, canaryBakeTimeInMinutes = 0 } = spec.canaryConfiguration;
    return [
      { percent: canaryPercent, bakeSeconds: canaryBakeTimeInMinutes * 60 },
      { percent: 100, bakeSeconds: 0 },
    ];
  }
  return [{ percent: 100, bakeSeconds: 0 }];
};

/**
 * Plays one Amazon ECS blue/green service deployment: the lifecycle stages in ECS's order, the hooks registered for
 * each, the listener-rule weight changes, bake time, and a rollback when a hook fails, times out or
 * StopServiceDeployment asks for one.
 */
class EcsBlueGreenDriver {
  readonly #options: DriverOptions;

  constructor(options: DriverOptions) {
    this.#options = options;
  }

  async play(service: EcsServiceRecord, record: ServiceDeploymentRecord): Promise<void> {
    const { clock } = this.#options;
    const stageSeconds = service.spec.stageSeconds ?? DEFAULT_STAGE_SECONDS;
    record.status = SERVICE_DEPLOYMENT_STATUS.InProgress;
    record.startedAt = clock.now();
    record.updatedAt = record.startedAt;
    try {
      const failure = await this.#stages(service, record, stageSeconds);
      if (failure === undefined) {
        this.#finishSuccessful(service, record);
      } else {
        await this.#rollBack(service, record, failure);
      }
    } catch {
      if (!clock.shutdownSignal.aborted) {
        // Stopped: by StopServiceDeployment or an alarm, whose reason the abort carries.
        await this.#rollBack(service, record, (record.stop.signal.reason as Error).message);
      }
    } finally {
      record.settle();
    }
  }

  /** Plays every stage; resolves with the reason of the hook that failed, rejects when the deployment is stopped. */
  async #stages(service: EcsServiceRecord, record: ServiceDeploymentRecord, stageSeconds: number): Promise<string | undefined> {
    for (const stage of BLUE_GREEN_STAGES) {
      await this.#enter(record, stage, false);
      const shifting = stage === 'PRODUCTION_TRAFFIC_SHIFT' ? await this.#shiftProduction(service, record) : undefined;
      if (shifting !== undefined) {
        return shifting;
      }
      this.#act(service, record, stage);
      await this.#options.clock.sleep(stage === 'BAKE_TIME' ? record.bakeTimeInMinutes * 60 : stageSeconds, record.stop.signal);
      const failure = isHookable(stage) ? await this.#hooks(service, record, stage) : undefined;
      if (failure !== undefined) {
        return failure;
      }
    }
    return undefined;
  }

  async #enter(record: ServiceDeploymentRecord, stage: BlueGreenStage, rollingBack: boolean): Promise<void> {
    record.lifecycleStage = stage;
    record.lifecycleHookDetails = [];
    record.updatedAt = this.#options.clock.now();
    await Promise.resolve(this.#options.stageObserver()?.({ serviceDeploymentArn: record.serviceDeploymentArn, stage, rollingBack })).catch(
      () => undefined,
    );
  }

  #act(service: EcsServiceRecord, record: ServiceDeploymentRecord, stage: BlueGreenStage): void {
    const { rules } = this.#options;
    if (stage === 'SCALE_UP') {
      record.target.runningTaskCount = record.target.requestedTaskCount;
    } else if (stage === 'TEST_TRAFFIC_SHIFT') {
      shift(rules, service.spec.testListenerRuleArn, service, alternateOf(service));
    } else if (stage === 'CLEAN_UP') {
      record.source.requestedTaskCount = 0;
      record.source.runningTaskCount = 0;
    }
  }

  /**
   * Moves production traffic step by step; the PRE_PRODUCTION_TRAFFIC_SHIFT hooks run before every step. Resolves
   * with a failing hook's reason; rejects when the deployment is stopped during a step's bake.
   */
  async #shiftProduction(service: EcsServiceRecord, record: ServiceDeploymentRecord): Promise<string | undefined> {
    for (const step of productionSteps(service)) {
      const failure = await this.#hooks(service, record, 'PRE_PRODUCTION_TRAFFIC_SHIFT');
      if (failure !== undefined) {
        return failure;
      }
      shift(this.#options.rules, service.spec.productionListenerRuleArn, service, alternateOf(service), step.percent);
      record.updatedAt = this.#options.clock.now();
      await this.#options.clock.sleep(step.bakeSeconds, record.stop.signal);
    }
    return undefined;
  }

  /** Runs the stage's hooks one after another; resolves with the first failure's reason. */
  async #hooks(service: EcsServiceRecord, record: ServiceDeploymentRecord, stage: HookableStage): Promise<string | undefined> {
    for (const hook of service.spec.lifecycleHooks ?? []) {
      if (!hook.lifecycleStages.includes(stage)) {
        continue;
      }
      const outcome = await this.#runHook(service, record, hook, stage, record.stop.signal);
      if (!outcome.succeeded) {
        return outcome.reason;
      }
    }
    return undefined;
  }

  /** Invokes one hook until it answers SUCCEEDED or FAILED, calling again after callBackDelay while IN_PROGRESS. */
  async #runHook(
    service: EcsServiceRecord,
    record: ServiceDeploymentRecord,
    hook: EcsLifecycleHookSpec,
    stage: HookableStage,
    signal: AbortSignal | undefined,
  ): Promise<HookOutcome> {
    const { clock, random, rules } = this.#options;
    const started = clock.nowMs();
    const timeoutMs = clock.realMs((hook.timeoutInMinutes ?? DEFAULT_HOOK_TIMEOUT_MINUTES) * 60);
    const state: HookDetailState = { hookId: random.hex(12), targetArn: hook.hookTargetArn, status: 'IN_PROGRESS', expiresAt: new Date(started + timeoutMs) };
    record.lifecycleHookDetails.push(state);
    const end = (status: HookDetailState['status'], outcome: HookOutcome): HookOutcome => {
      state.status = status;
      record.updatedAt = clock.now();
      return outcome;
    };
    let hookDetails: Readonly<Record<string, unknown>> | null = hook.hookDetails ?? null;
    for (;;) {
      const payload: EcsHookPayload = {
        executionId: random.uuid(),
        lifecycleStage: stage,
        resourceArn: record.serviceDeploymentArn,
        executionDetails: {
          serviceArn: service.serviceArn,
          targetServiceRevisionArn: record.target.arn,
          testTrafficWeights: revisionWeights(service, record, service.spec.testListenerRuleArn, rules),
          productionTrafficWeights: revisionWeights(service, record, service.spec.productionListenerRuleArn, rules),
        },
        hookDetails,
      };
      let reply: unknown;
      try {
        const invoker = this.#options.invoker();
        if (invoker === undefined) {
          throw new Error(`Function not found: ${hook.hookTargetArn}`);
        }
        reply = await invoker({ functionArn: hook.hookTargetArn, payload });
      } catch (error) {
        return end('FAILED', { succeeded: false, reason: `Lifecycle hook ${hook.hookTargetArn} failed at ${stage}: the function returned an error (${(error as Error).message}).` });
      }
      const status = isRecord(reply) ? reply['hookStatus'] : undefined;
      if (status === 'SUCCEEDED') {
        return end('SUCCEEDED', { succeeded: true });
      }
      if (status !== 'IN_PROGRESS') {
        return end('FAILED', { succeeded: false, reason: `Lifecycle hook ${hook.hookTargetArn} returned ${String(status)} at ${stage}.` });
      }
      const delay = isRecord(reply) && typeof reply['callBackDelay'] === 'number' ? reply['callBackDelay'] : DEFAULT_CALLBACK_DELAY_SECONDS;
      hookDetails = isRecord(reply) && isRecord(reply['hookDetails']) ? reply['hookDetails'] : hookDetails;
      if (clock.nowMs() + clock.realMs(delay) - started > timeoutMs) {
        return end('TIMED_OUT', { succeeded: false, reason: `Lifecycle hook ${hook.hookTargetArn} timed out at ${stage}.` });
      }
      await clock.sleep(delay, signal);
    }
  }

  async #rollBack(service: EcsServiceRecord, record: ServiceDeploymentRecord, reason: string): Promise<void> {
    const { clock, rules } = this.#options;
    const now = clock.now();
    record.status = SERVICE_DEPLOYMENT_STATUS.RollbackInProgress;
    record.statusReason = reason;
    record.rollback = { reason, startedAt: now, serviceRevisionArn: record.source.arn };
    record.updatedAt = now;
    const movedTest = revisionWeights(service, record, service.spec.testListenerRuleArn, rules)[record.target.arn] ?? 0;
    const movedProduction = revisionWeights(service, record, service.spec.productionListenerRuleArn, rules)[record.target.arn] ?? 0;
    shift(rules, service.spec.productionListenerRuleArn, service, service.primaryTargetGroupArn);
    shift(rules, service.spec.testListenerRuleArn, service, service.primaryTargetGroupArn);
    // ECS calls the traffic-shift hooks again while it moves traffic back; their answers cannot stop the rollback.
    for (const [stage, moved] of [['PRODUCTION_TRAFFIC_SHIFT', movedProduction], ['TEST_TRAFFIC_SHIFT', movedTest]] as const) {
      if (moved > 0) {
        await this.#enter(record, stage, true);
        for (const hook of (service.spec.lifecycleHooks ?? []).filter((candidate) => candidate.lifecycleStages.includes(stage))) {
          await this.#runHook(service, record, hook, stage, undefined).catch(() => undefined);
        }
      }
    }
    await clock.sleep(service.spec.stageSeconds ?? DEFAULT_STAGE_SECONDS).catch(() => undefined);
    record.target.requestedTaskCount = 0;
    record.target.runningTaskCount = 0;
    record.status = SERVICE_DEPLOYMENT_STATUS.RollbackSuccessful;
    record.finishedAt = clock.now();
    record.updatedAt = record.finishedAt;
  }

  #finishSuccessful(service: EcsServiceRecord, record: ServiceDeploymentRecord): void {
    const now = this.#options.clock.now();
    service.primaryTargetGroupArn = alternateOf(service);
    service.currentRevision = { ...record.target };
    record.status = SERVICE_DEPLOYMENT_STATUS.Successful;
    record.finishedAt = now;
    record.updatedAt = now;
  }
}

export { EcsBlueGreenDriver };
export type { EcsHookInvoker, EcsHookPayload, EcsStageEntry, EcsStageObserver };
