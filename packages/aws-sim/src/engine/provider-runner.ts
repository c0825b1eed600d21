import type { ActionOutcome, ActionScenario, ErrorDetails } from '../scenario.js';

/** What an action of a pipeline execution hands a provider's runner. */
interface ProviderRunContext {
  readonly action: ActionScenario;
  readonly pipelineName: string;
  readonly pipelineExecutionId: string;
  /** Aborted when the execution is abandoned: the runner stops waiting (what it started runs on). */
  readonly abandonSignal: AbortSignal;
}

interface ProviderRunResult {
  readonly outcome: ActionOutcome;
  readonly errorDetails?: ErrorDetails;
  readonly summary?: string;
}

/** Plays the actions of one provider (e.g. `ECS`) that need more than a duration and an outcome. */
type ProviderRunner = (context: ProviderRunContext) => Promise<ProviderRunResult>;

export type { ProviderRunContext, ProviderRunner, ProviderRunResult };
