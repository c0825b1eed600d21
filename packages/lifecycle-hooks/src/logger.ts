import { checkResultFields, decisionFields, HOOK_LOG_MESSAGE } from './log-records.js';
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

/** One line per check result, in the shape log-records.ts reads back; `stage` is the ECS lifecycle stage, if any. */
const logCheckResult = (logger: HookLogger, result: CheckResult, stage?: string): void => {
  logger.log(result.passed ? 'INFO' : 'WARN', HOOK_LOG_MESSAGE.CheckResult, checkResultFields(result, stage));
};

const logDecision = (logger: HookLogger, verdict: Verdict, fields: LogFields = {}): void => {
  logger.log(verdict.status === 'Succeeded' ? 'INFO' : 'WARN', HOOK_LOG_MESSAGE.Decision, { ...decisionFields(verdict), ...fields });
};

export { createJsonLogger, logCheckResult, logDecision };
export type { HookLogger, LogFields, LogLevel };
