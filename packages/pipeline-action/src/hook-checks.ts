import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import { lambdaFunctionName, readAppSpecHooks } from '@greenlight/contracts';
import { HOOK_LOG_MESSAGE, type CheckResultRecord } from '@greenlight/lifecycle-hooks/log-records';
import type { HookCheck, HookChecks } from './deployment-story.js';
import { persistent, readDeploymentRecords, unreadable } from './hook-failure.js';

const toCheck = (hook: string, record: CheckResultRecord): HookCheck => ({
  hook,
  name: record.check,
  passed: record.passed,
  requests: record.requests,
  failures: record.failures,
  p50Ms: record.p50Ms,
  p95Ms: record.p95Ms,
  maxMs: record.maxMs,
  reason: record.reason,
});

/**
 * The hook's verdict on a CodeDeploy deployment (GetDeployment's answer), whatever its outcome: for every hook
 * function in its AppSpec, the function's check-result records for the deployment in its log group
 * (FilterLogEvents, a bounded number of pages per function). Lambda retries a failed invocation, so a check's last
 * record counts. Enrichment only: undefined when the deployment has no hook, a note when a log group cannot be
 * read; never an error.
 */
const hookChecks = async (region: string, deployment: DeploymentInfo, signal: AbortSignal): Promise<HookChecks | undefined> => {
  const send = persistent(signal);
  const hooks = readAppSpecHooks(deployment.revision?.appSpecContent?.content ?? '');
  if (hooks.size === 0) return undefined;
  const checks = new Map<string, HookCheck>();
  const notes: string[] = [];
  for (const [event, target] of hooks) {
    const logGroup = `/aws/lambda/${lambdaFunctionName(target)}`;
    try {
      for (const record of await readDeploymentRecords(region, logGroup, deployment, send)) {
        if (record.message === HOOK_LOG_MESSAGE.CheckResult) checks.set(`${event}\u0000${record.check}`, toCheck(event, record));
      }
    } catch (error) {
      notes.push(`The ${event} hook's checks are not shown. ${unreadable(logGroup, error)}`);
    }
  }
  return { checks: [...checks.values()], note: notes.length === 0 ? undefined : notes.join(' ') };
};

export { hookChecks };
