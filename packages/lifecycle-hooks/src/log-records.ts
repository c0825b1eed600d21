import { ECS_HOOK_STATUS, type EcsHookStatus } from './events.js';
import { VERDICT_STATUS, type CheckResult, type Verdict, type VerdictStatus } from './results.js';

/**
 * The structured lines of the hook's log that other programs read back: the pipeline action (why a deployment
 * failed at its hook, from CloudWatch Logs) and the demo. Written and read here only, so the two sides cannot
 * drift. Published as `@greenlight/lifecycle-hooks/log-records`.
 */
const HOOK_LOG_MESSAGE = {
  CheckResult: 'check result',
  Decision: 'decision',
} as const;

// A service deployment ARN is `arn:<partition>:ecs:<region>:<account>:service-deployment/<cluster>/<service>/<id>`,
// cluster and service names at most 255 characters each (ECS API reference, CreateService).
const MAX_RESOURCE_ARN_LENGTH = 640;
const ECS_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:[A-Za-z0-9._/:-]+$/;

/**
 * A check result's fields; headers are never part of a result, so no secret can reach the logs. `stage` is the ECS
 * lifecycle stage the check ran at (absent for CodeDeploy, whose event does not name its lifecycle event).
 */
const checkResultFields = (result: CheckResult, stage?: string) => ({
  ...(stage === undefined ? {} : { stage }),
  check: result.name,
  passed: result.passed,
  requests: result.requests,
  failures: result.failures,
  p50Ms: result.latency.p50Ms,
  p95Ms: result.latency.p95Ms,
  maxMs: result.latency.maxMs,
  ...(result.reason === undefined ? {} : { reason: result.reason }),
});

const decisionFields = (verdict: Verdict) => ({
  status: verdict.status,
  reason: verdict.reason,
  checksRun: verdict.checks.length,
  checksFailed: verdict.checks.filter((check) => !check.passed).length,
});

/** An ECS native decision: the reply's status (IN_PROGRESS while green is not ready), the stage and the reason. */
const ecsDecisionFields = (stage: string, hookStatus: EcsHookStatus, reason: string, callBackDelay?: number) => ({
  stage,
  hookStatus,
  reason,
  ...(callBackDelay === undefined ? {} : { callBackDelay }),
});

/**
 * The ECS resource an ECS native event names (`resourceArn`: the service deployment), as the hook binds it to its
 * lines so a reader can find one deployment's lines; undefined for anything else. It comes from the event, so it is
 * bounded and must have the shape of an ECS ARN (no quote or space that could break a log filter pattern).
 */
const ecsResourceArn = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length <= MAX_RESOURCE_ARN_LENGTH && ECS_ARN.test(value) ? value : undefined;

/** The fields bound to every line of one ECS native invocation. */
const ecsInvocationFields = (executionId: string, stage: string, resourceArn: unknown) => {
  const arn = ecsResourceArn(resourceArn);
  return { executionId, lifecycleStage: stage, ...(arn === undefined ? {} : { resourceArn: arn }) };
};

interface CheckResultRecord {
  readonly message: typeof HOOK_LOG_MESSAGE.CheckResult;
  /** Bound by the hook to every line of a CodeDeploy invocation. */
  readonly deploymentId: string | undefined;
  /** The service deployment ARN, bound by the hook to every line of an ECS native invocation. */
  readonly resourceArn: string | undefined;
  /** The ECS lifecycle stage the check ran at; undefined under CodeDeploy. */
  readonly stage: string | undefined;
  readonly check: string;
  readonly passed: boolean;
  readonly reason: string | undefined;
  /** The check's figures; undefined in a line that lacks them (or holds something other than a number). */
  readonly requests: number | undefined;
  readonly failures: number | undefined;
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
  readonly maxMs: number | undefined;
}

interface DecisionRecord {
  readonly message: typeof HOOK_LOG_MESSAGE.Decision;
  readonly deploymentId: string | undefined;
  /** The ECS lifecycle stage decided at; undefined under CodeDeploy. */
  readonly stage: string | undefined;
  readonly status: VerdictStatus;
  readonly reason: string;
}

interface EcsDecisionRecord {
  readonly message: typeof HOOK_LOG_MESSAGE.Decision;
  /** Bound by the hook to every line of an ECS native invocation. */
  readonly executionId: string | undefined;
  /** The service deployment ARN, bound like the execution id. */
  readonly resourceArn: string | undefined;
  readonly stage: string;
  readonly hookStatus: EcsHookStatus;
  readonly reason: string;
}

type HookLogRecord = CheckResultRecord | DecisionRecord | EcsDecisionRecord;

/** The hook's own lines are a few KB at most; a longer one did not come from it and is not parsed at all. */
const MAX_RECORD_LENGTH = 64 * 1024;

const statuses: readonly string[] = Object.values(VERDICT_STATUS);
const ecsStatuses: readonly string[] = Object.values(ECS_HOOK_STATUS);

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const optionalNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

const toRecord = (fields: Record<string, unknown>): HookLogRecord | undefined => {
  const deploymentId = optionalString(fields['deploymentId']);
  const resourceArn = ecsResourceArn(fields['resourceArn']);
  const stage = optionalString(fields['stage']);
  const { message, reason } = fields;
  if (message === HOOK_LOG_MESSAGE.CheckResult) {
    const { check, passed } = fields;
    if (typeof check !== 'string' || typeof passed !== 'boolean') return undefined;
    return {
      message,
      deploymentId,
      resourceArn,
      stage,
      check,
      passed,
      reason: optionalString(reason),
      requests: optionalNumber(fields['requests']),
      failures: optionalNumber(fields['failures']),
      p50Ms: optionalNumber(fields['p50Ms']),
      p95Ms: optionalNumber(fields['p95Ms']),
      maxMs: optionalNumber(fields['maxMs']),
    };
  }
  if (message === HOOK_LOG_MESSAGE.Decision && 'hookStatus' in fields) {
    const { hookStatus } = fields;
    if (typeof hookStatus !== 'string' || !ecsStatuses.includes(hookStatus) || stage === undefined || typeof reason !== 'string') return undefined;
    return { message, executionId: optionalString(fields['executionId']), resourceArn, stage, hookStatus: hookStatus as EcsHookStatus, reason };
  }
  if (message === HOOK_LOG_MESSAGE.Decision) {
    const { status } = fields;
    if (typeof status !== 'string' || !statuses.includes(status) || typeof reason !== 'string') return undefined;
    return { message, deploymentId, stage, status: status as VerdictStatus, reason };
  }
  return undefined;
};

/**
 * The check result or decision a log line holds, or undefined for any other line. Log text is untrusted (anyone
 * who may write to the log group can forge lines): the line is bounded, every field used is type-checked, and
 * nothing about the input makes this throw. The JSON may follow a prefix, as the Node runtime adds to console
 * output.
 */
const readHookLogRecord = (line: string): HookLogRecord | undefined => {
  if (line.length > MAX_RECORD_LENGTH) return undefined;
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(start));
  } catch {
    // Not JSON after all: a plain line that happens to contain "{".
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? toRecord(parsed as Record<string, unknown>) : undefined;
};

export { checkResultFields, decisionFields, ecsDecisionFields, ecsInvocationFields, HOOK_LOG_MESSAGE, readHookLogRecord };
export type { CheckResultRecord, DecisionRecord, EcsDecisionRecord, HookLogRecord };
