import type { AwsApi } from './aws-api.js';
import { callAws } from './aws-call.js';
import { describeAwsError } from './aws-errors.js';
import { LifecycleReportError } from './errors.js';
import type { HookLogger } from './logger.js';
import type { VerdictStatus } from './results.js';

interface LifecycleReport {
  readonly deploymentId: string;
  readonly lifecycleEventHookExecutionId: string;
  readonly status: VerdictStatus;
}

const REPORT_OUTCOME = {
  Recorded: 'recorded',
  AlreadyCompleted: 'already-completed',
} as const;

type ReportOutcome = (typeof REPORT_OUTCOME)[keyof typeof REPORT_OUTCOME];

const isAlreadyCompleted = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'LifecycleEventAlreadyCompletedException';

/**
 * Reports the status with PutLifecycleEventHookExecutionStatus, retrying throttling and transient failures until
 * the deadline. LifecycleEventAlreadyCompletedException means an earlier delivery (or an attempt whose answer was
 * lost) already recorded a status: that is the outcome we wanted, not an error.
 */
const reportLifecycleStatus = async (
  aws: AwsApi,
  report: LifecycleReport,
  options: { readonly deadline: number; readonly logger: HookLogger },
): Promise<ReportOutcome> => {
  try {
    // LifecycleEventAlreadyCompletedException is a permanent answer: it is never retried.
    await callAws(
      (signal) =>
        aws.putLifecycleEventHookExecutionStatus(
          {
            deploymentId: report.deploymentId,
            lifecycleEventHookExecutionId: report.lifecycleEventHookExecutionId,
            status: report.status,
          },
          signal,
        ),
      {
        deadline: options.deadline,
        onRetry: (error, attempt, delayMs) => {
          options.logger.log('WARN', 'report retry', {
            attempt,
            delayMs,
            error: (error as { name?: string }).name ?? 'Error',
          });
        },
      },
    );
    return REPORT_OUTCOME.Recorded;
  } catch (error) {
    if (isAlreadyCompleted(error)) {
      return REPORT_OUTCOME.AlreadyCompleted;
    }
    throw new LifecycleReportError(
      describeAwsError(
        error,
        `PutLifecycleEventHookExecutionStatus ${report.status} for deployment ${report.deploymentId}`,
        'codedeploy:PutLifecycleEventHookExecutionStatus',
      ),
      { cause: error },
    );
  }
};

export { reportLifecycleStatus };
export type { LifecycleReport, ReportOutcome };
