import * as v from 'valibot';
import { describeIssue, httpUrl } from './config.js';

/**
 * What one IN_PROGRESS answer tells the next invocation: ECS passes the reply's hookDetails back on its next call
 * (Developer Guide, "Lambda hooks for Amazon ECS service deployments", Passing state with hookDetails), so the
 * readiness window spans invocations without any storage.
 */
interface CarriedReadiness {
  /** The invocation this state belongs to: state of another deployment or stage starts a fresh window. */
  readonly executionId: string;
  readonly lifecycleStage: string;
  /** Epoch milliseconds when the first not-ready answer of this window was given. */
  readonly startedAt: number;
  /** Readiness probes so far (one per invocation). */
  readonly attempts: number;
}

/** hookDetails as the hook reads them: what the service's lifecycle hook passes, and what the hook carried. */
interface EcsHookDetails {
  /** Every field, passed back with IN_PROGRESS in case ECS replaces rather than merges the service's hookDetails. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly targetUrl?: string;
  readonly readiness?: CarriedReadiness;
}

const READINESS_KEY = 'greenlightReadiness';

// How far a carried start may lie ahead of this function instance's clock (other instances' clocks may differ a
// little); further ahead, it could stretch the readiness window without end.
const MAX_CLOCK_SKEW_MS = 60_000;

const MAX_ID_LENGTH = 1_024;

const carriedText = (what: string) =>
  v.pipe(v.string(`expected ${what}`), v.minLength(1, `expected ${what}`), v.maxLength(MAX_ID_LENGTH, `expected ${what}`));

const readinessSchema = v.strictObject(
  {
    executionId: carriedText('the executionId of the invocation that answered IN_PROGRESS'),
    lifecycleStage: carriedText('the lifecycle stage of the invocation that answered IN_PROGRESS'),
    startedAt: v.pipe(
      v.number('expected epoch milliseconds'),
      v.integer('expected epoch milliseconds'),
      v.minValue(0, 'expected epoch milliseconds'),
    ),
    attempts: v.pipe(
      v.number('expected a whole number of attempts ≥ 1'),
      v.integer('expected a whole number of attempts ≥ 1'),
      v.minValue(1, 'expected a whole number of attempts ≥ 1'),
    ),
  },
  'expected the object this hook returned with IN_PROGRESS: {executionId, lifecycleStage, startedAt, attempts}',
);

const DETAILS_EXPECTATION = "expected an object (the lifecycle hook's hookDetails) or null";

const eventSchema = v.object({
  hookDetails: v.nullish(
    v.pipe(
      // valibot's object schemas take a list for an object.
      v.custom<object>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), DETAILS_EXPECTATION),
      v.looseObject({ targetUrl: v.optional(httpUrl), [READINESS_KEY]: v.optional(readinessSchema) }, DETAILS_EXPECTATION),
    ),
  ),
});

type ParsedHookDetails = { readonly details: EcsHookDetails } | { readonly problem: string };

/**
 * Validates an event's hookDetails: they come from the service definition and from this hook's own earlier answer,
 * and either may have been changed on the way. Every problem names its field.
 */
const parseEcsHookDetails = (hookDetails: unknown, now: number): ParsedHookDetails => {
  const result = v.safeParse(eventSchema, { hookDetails });
  if (!result.success) {
    return { problem: result.issues.map(describeIssue).join('; ') };
  }
  const fields = result.output.hookDetails ?? {};
  const { targetUrl } = fields;
  const readiness = fields[READINESS_KEY];
  if (readiness !== undefined && readiness.startedAt > now + MAX_CLOCK_SKEW_MS) {
    return { problem: `hookDetails.${READINESS_KEY}.startedAt: expected a time that has passed, received a time ${readiness.startedAt - now} ms ahead` };
  }
  return {
    details: {
      fields,
      ...(targetUrl === undefined ? {} : { targetUrl }),
      ...(readiness === undefined ? {} : { readiness }),
    },
  };
};

/** The hookDetails of an IN_PROGRESS answer: the fields received, and the readiness state for the next call. */
const carryReadiness = (details: EcsHookDetails, readiness: CarriedReadiness): Readonly<Record<string, unknown>> => ({
  ...details.fields,
  [READINESS_KEY]: readiness,
});

export { carryReadiness, parseEcsHookDetails };
export type { CarriedReadiness, EcsHookDetails };
