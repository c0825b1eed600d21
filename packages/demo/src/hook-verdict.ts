import { HOOK_LOG_MESSAGE, readHookLogRecord, type DecisionRecord } from '@greenlight/lifecycle-hooks/log-records';

type HookDecision = Pick<DecisionRecord, 'status' | 'reason'>;

/**
 * The hook's last decision among its log lines: the reason CodeDeploy itself never learns, since
 * PutLifecycleEventHookExecutionStatus carries only a status.
 */
const findHookDecision = (lines: readonly string[]): HookDecision | undefined => {
  for (const line of [...lines].reverse()) {
    const record = readHookLogRecord(line);
    // The demo's deployments are CodeDeploy's: an ECS native decision (hookStatus, no status) is not one of them.
    if (record?.message === HOOK_LOG_MESSAGE.Decision && 'status' in record) return { status: record.status, reason: record.reason };
  }
  return undefined;
};

export { findHookDecision };
export type { HookDecision };
