/**
 * What the action saw of a deployment, for the job summary: its phases, its traffic over time and its hook's
 * checks. Types only, shared by the followers that record them and the summary chunk that renders them, so the
 * report carries them without loading either.
 */

/** One phase: a CodeDeploy lifecycle event, the termination wait, or an ECS native lifecycle stage. */
interface DeploymentPhase {
  readonly name: string;
  /** The service's time when it gives one (CodeDeploy lifecycle events), else when the action first saw it. */
  readonly start: Date | undefined;
  readonly end: Date | undefined;
  /** In CodePipeline's words: Succeeded, Failed, InProgress. */
  readonly status: string;
}

interface TrafficWeight {
  /** The task set (BLUE, GREEN) or target group the listener forwards to. */
  readonly target: string;
  readonly weight: number;
}

/** A change of a listener's forward weights, at the time it was seen (or the service's time, when it gives one). */
interface TrafficStep {
  readonly at: Date;
  readonly listener: 'production' | 'test';
  readonly weights: readonly TrafficWeight[];
}

/** One check of the hook's verdict, from its structured check-result record. */
interface HookCheck {
  readonly hook: string;
  readonly name: string;
  readonly passed: boolean;
  readonly requests: number | undefined;
  readonly failures: number | undefined;
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
  readonly maxMs: number | undefined;
  readonly reason: string | undefined;
}

/** The hook checks of a deployment, or why they could not be read. */
interface HookChecks {
  readonly checks: readonly HookCheck[];
  readonly note: string | undefined;
}

interface DeploymentStory {
  readonly phases: readonly DeploymentPhase[];
  readonly traffic: readonly TrafficStep[];
  readonly hookChecks: HookChecks | undefined;
}

export type { DeploymentPhase, DeploymentStory, HookCheck, HookChecks, TrafficStep, TrafficWeight };
