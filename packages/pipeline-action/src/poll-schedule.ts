/** Bounds of the adaptive schedule, in local milliseconds. */
interface PollBounds {
  /** Never poll more often than this, whatever the predictions say. */
  readonly minIntervalMs: number;
  /** Never stay silent longer than this, so surprises are noticed. */
  readonly maxIntervalMs: number;
}

interface PollObservation {
  /** Local now, epoch milliseconds. */
  readonly now: number;
  /** Whether the last poll saw anything new. */
  readonly changed: boolean;
  /** The local moment the next change is expected (from how long the running actions usually take), if known. */
  readonly expectedChangeAt: number | undefined;
  /** How long the longest-running observed action has been running, in local milliseconds, if any runs. */
  readonly runningForMs: number | undefined;
}

const DEFAULT_BOUNDS: PollBounds = { minIntervalMs: 1_000, maxIntervalMs: 30_000 };
// With nothing to go on, back off fast (a pipeline's very first executions); once a predicted change is overdue
// it is imminent, so look again sooner.
const IDLE_GROWTH = 2;
const OVERDUE_GROWTH = 1.5;
// While an action runs with no prediction, wait this share of how long it has already run: long actions are
// polled sparsely, fresh ones quickly.
const ELAPSED_SHARE = 0.3;
// A prediction is aimed at a little after the expected moment, so one poll usually sees the change.
const PREDICTION_MARGIN_MS = 300;

/**
 * Decides how long to wait before the next poll: quick after a change, backing off while nothing moves, aimed at
 * the moment a change is expected when recent executions tell us how long actions take. Backoff delays carry up
 * to 15% jitter so many concurrent followers do not poll in lockstep (throttling).
 */
class PollSchedule {
  readonly bounds: PollBounds;
  readonly #random: () => number;
  #idlePolls = 0;
  #overduePolls = 0;

  constructor(bounds: PollBounds = DEFAULT_BOUNDS, random: () => number = Math.random) {
    this.bounds = bounds;
    this.#random = random;
  }

  next(observation: PollObservation): number {
    if (observation.changed) {
      this.#idlePolls = 0;
      this.#overduePolls = 0;
    } else {
      this.#idlePolls++;
    }
    const { expectedChangeAt, now } = observation;
    if (expectedChangeAt !== undefined && expectedChangeAt > now) {
      this.#overduePolls = 0;
      return this.#clamp(expectedChangeAt - now + PREDICTION_MARGIN_MS + this.#random() * PREDICTION_MARGIN_MS);
    }
    if (expectedChangeAt !== undefined) {
      // Overdue: the change should have happened; look again soon, then less and less often.
      return this.#jittered(this.bounds.minIntervalMs * OVERDUE_GROWTH ** this.#overduePolls++);
    }
    const backoff = this.bounds.minIntervalMs * IDLE_GROWTH ** this.#idlePolls;
    const elapsedBased = (observation.runningForMs ?? 0) * ELAPSED_SHARE;
    return this.#jittered(Math.max(backoff, elapsedBased));
  }

  /** Delay before retrying after a failed poll (throttled, 5xx, connection dropped): always backs off. */
  afterError(consecutiveErrors: number): number {
    return this.#jittered(this.bounds.minIntervalMs * 2 ** consecutiveErrors);
  }

  #jittered(delay: number): number {
    return this.#clamp(delay * (1 + 0.15 * this.#random()));
  }

  #clamp(delay: number): number {
    return Math.round(Math.min(this.bounds.maxIntervalMs, Math.max(this.bounds.minIntervalMs, delay)));
  }
}

export { PollSchedule };
export type { PollBounds, PollObservation };
