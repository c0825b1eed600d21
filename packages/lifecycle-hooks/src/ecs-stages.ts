// The lifecycle stages at which Amazon ECS may invoke a hook (API reference, DeploymentLifecycleHook
// lifecycleStages; enum DeploymentLifecycleHookStage), sorted by what the hook can do there. The checks go through the
// test listener, so they mean something only where green has all of its traffic and nothing is moving.

/** Green has 100 % of the test traffic and no weight is changing: the checks run here. */
const CHECK_STAGES = ['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] as const;

/**
 * Weights are moving, and ECS runs the hooks of exactly these stages again while it rolls a deployment back
 * (Developer Guide, "Lifecycle hooks for Amazon ECS service deployments"): checks would probe a mix of blue and green,
 * and a FAILED would fight the rollback.
 */
const TRAFFIC_SHIFT_STAGES = ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT'] as const;

/** Green is not started or takes no test traffic yet ("There is no test traffic"): nothing can reach it. */
const BEFORE_TEST_TRAFFIC_STAGES = ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP'] as const;

type CheckStage = (typeof CHECK_STAGES)[number];

type StageKind =
  | { readonly kind: 'check'; readonly stage: CheckStage }
  | { readonly kind: 'traffic-shift' }
  | { readonly kind: 'before-test-traffic' }
  | { readonly kind: 'unknown' };

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

const classifyStage = (stage: string): StageKind => {
  if (includes(CHECK_STAGES, stage)) {
    return { kind: 'check', stage };
  }
  if (includes(TRAFFIC_SHIFT_STAGES, stage)) {
    return { kind: 'traffic-shift' };
  }
  return includes(BEFORE_TEST_TRAFFIC_STAGES, stage) ? { kind: 'before-test-traffic' } : { kind: 'unknown' };
};

const MAX_STAGE_NAME_LENGTH = 64;

/** The stage as logs and reasons show it: it comes from the event, so a long one is cut. */
const boundedStageName = (stage: string): string =>
  stage.length <= MAX_STAGE_NAME_LENGTH ? stage : `${stage.slice(0, MAX_STAGE_NAME_LENGTH)}…`;

export { boundedStageName, CHECK_STAGES, classifyStage };
export type { CheckStage, StageKind };
