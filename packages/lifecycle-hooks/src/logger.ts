import type { CheckResult, Verdict } from './results.js';

type LogLevel = 'INFO' | 'WARN' | 'ERROR';
type LogFields = Readonly<Record<string, unknown>>;

/** Writes one JSON object per line, so CloudWatch Logs Insights discovers every field. */
interface HookLogger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** A logger adding `fields` (e.g. the request and deployment ids) to every line. */
  child(fields: LogFields): HookLogger;
}

// The Lambda Node runtime passes raw stdout lines to CloudWatch untouched, unlike console.log's tab-prefixed text.
const writeStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const createJsonLogger = (write: (line: string) => void = writeStdout, bound: LogFields = {}): HookLogger => ({
  log: (level, message, fields = {}) => {
    write(JSON.stringify({ timestamp: new Date().toISOString(), level, message, ...bound, ...fields }));
  },
  child: (fields) => createJsonLogger(write, { ...bound, ...fields }),
});

/**
 * One line per check result; headers are never part of a result, so no secret can reach the logs. `stage` is the ECS
 * lifecycle stage the check ran at (absent for CodeDeploy, whose event does not name its lifecycle event).
 */
const logCheckResult = (logger: HookLogger, result: CheckResult, stage?: string): void => {
  logger.log(result.passed ? 'INFO' : 'WARN', 'check result', {
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
};

const logDecision = (logger: HookLogger, verdict: Verdict, fields: LogFields = {}): void => {
  logger.log(verdict.status === 'Succeeded' ? 'INFO' : 'WARN', 'decision', {
    status: verdict.status,
    reason: verdict.reason,
    checksRun: verdict.checks.length,
    checksFailed: verdict.checks.filter((check) => !check.passed).length,
    ...fields,
  });
};

export { createJsonLogger, logCheckResult, logDecision };
export type { HookLogger, LogFields, LogLevel };
