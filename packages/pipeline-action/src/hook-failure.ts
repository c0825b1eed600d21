import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
  type DeploymentInfo,
} from '@aws-sdk/client-codedeploy';
import { AWS_ERROR_KIND, classifyAwsError, isRetryableAwsError, retry } from '@greenlight/aws-retry';
import { lambdaFunctionName, readAppSpecHooks } from '@greenlight/contracts';
import { HOOK_LOG_MESSAGE, readHookLogRecord, type HookLogRecord } from '@greenlight/lifecycle-hooks/log-records';
import { clientConfig } from './clients.js';

interface FailedCheck {
  readonly name: string;
  readonly reason: string;
}

/** A CodeDeploy deployment that failed at a lifecycle hook, and what the hook logged about why. */
interface HookFailure {
  readonly lifecycleEvent: string;
  readonly functionName: string;
  readonly logGroup: string;
  /** The hook's decision for this deployment, when its log could be read. */
  readonly reason: string | undefined;
  readonly failedChecks: readonly FailedCheck[];
  /** Why the reason is missing, when it is: which log group to read, which permission would show it. */
  readonly note: string | undefined;
}

// The hook logs its decision around its report, which a quick rollback may complete before; the margin keeps
// such lines (and a little clock skew between services) inside the window.
const WINDOW_MARGIN_MS = 5 * 60_000;
// A deployment's hook writes a few lines per invocation: a handful of pages is plenty, and bounds the cost.
const MAX_PAGES = 10;
// The reason is worth a few retries on top of the SDK's (a throttled minute is common when a deploy fails), but
// never more than a short wait at the end of the run.
const RETRY_BUDGET_MS = 12_000;

/** Sends one call, retrying throttling, 5xx and dropped connections within the retry budget. */
type Send = <T>(operation: (signal: AbortSignal) => Promise<T>) => Promise<T>;

const persistent = (signal: AbortSignal): Send => {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  return (operation) =>
    retry(() => operation(signal), {
      signal,
      deadline,
      delay: (failures) => Math.min(2_000, 250 * 2 ** failures),
      isRetryable: isRetryableAwsError,
    });
};

const failedEvent = async (client: CodeDeployClient, deploymentId: string, send: Send): Promise<string | undefined> => {
  const listed = await send((abortSignal) => client.send(new ListDeploymentTargetsCommand({ deploymentId }), { abortSignal }));
  const targetId = listed.targetIds?.[0];
  if (targetId === undefined) return undefined;
  const answer = await send((abortSignal) => client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }), { abortSignal }));
  return answer.deploymentTarget?.ecsTarget?.lifecycleEvents?.find((event) => event.status === 'Failed')?.lifecycleEventName;
};

/** The hook's records about one deployment in its log group, within MAX_PAGES pages of FilterLogEvents. */
const readHookRecords = async (region: string, logGroup: string, deployment: DeploymentInfo, send: Send): Promise<HookLogRecord[]> => {
  const deploymentId = deployment.deploymentId ?? '';
  const logs = new CloudWatchLogsClient(clientConfig(region));
  const startTime = (deployment.createTime?.getTime() ?? Date.now()) - WINDOW_MARGIN_MS;
  const endTime = (deployment.completeTime?.getTime() ?? Date.now()) + WINDOW_MARGIN_MS;
  const records: HookLogRecord[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const input = { logGroupName: logGroup, filterPattern: `"${deploymentId}"`, startTime, endTime, ...(nextToken === undefined ? {} : { nextToken }) };
    const page = await send((abortSignal) => logs.send(new FilterLogEventsCommand(input), { abortSignal }));
    for (const event of page.events ?? []) {
      const record = readHookLogRecord(event.message ?? '');
      // CodeDeploy records carry the deployment; ECS native ones name their execution instead.
      if (record !== undefined && 'deploymentId' in record && record.deploymentId === deploymentId) records.push(record);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && ++pages < MAX_PAGES);
  return records;
};

const readDecision = async (
  region: string,
  logGroup: string,
  deployment: DeploymentInfo,
  send: Send,
): Promise<Pick<HookFailure, 'reason' | 'failedChecks'>> => {
  const records = await readHookRecords(region, logGroup, deployment, send);
  // Lambda retries a failed invocation: the last decision is the one CodeDeploy acted on.
  const decision = records.filter((record) => record.message === HOOK_LOG_MESSAGE.Decision).at(-1);
  const failedChecks = records.flatMap((record) =>
    record.message === HOOK_LOG_MESSAGE.CheckResult && !record.passed ? [{ name: record.check, reason: record.reason ?? 'failed' }] : [],
  );
  return { reason: decision?.reason, failedChecks };
};

const unreadable = (logGroup: string, error: unknown): string => {
  const name = (error as Error).name;
  if (classifyAwsError(error) === AWS_ERROR_KIND.Denied) {
    return `Its reason is in CloudWatch Logs group ${logGroup}; allow logs:FilterLogEvents on it to show it here.`;
  }
  if (name === 'ResourceNotFoundException') {
    return `Its log group ${logGroup} does not exist: check that the function ran and may write its logs.`;
  }
  return `Its reason is in CloudWatch Logs group ${logGroup} (not read: ${(error as Error).message}).`;
};

/**
 * Why a CodeDeploy deployment failed at a lifecycle hook, the way a person would find out in AWS: the failed
 * lifecycle event (GetDeploymentTarget), its hook function in the deployment's AppSpec (GetDeployment), and that
 * function's decision in its log group (FilterLogEvents for the deployment id). Enrichment only: undefined when
 * the deployment did not fail at a hook or cannot be described, a note instead of the reason when the log cannot
 * be read; never an error.
 */
const hookFailure = async (region: string, deploymentId: string, signal: AbortSignal): Promise<HookFailure | undefined> => {
  const send = persistent(signal);
  let event: string | undefined;
  let deployment: DeploymentInfo | undefined;
  try {
    const codedeploy = new CodeDeployClient(clientConfig(region));
    event = await failedEvent(codedeploy, deploymentId, send);
    if (event === undefined) return undefined;
    deployment = (await send((abortSignal) => codedeploy.send(new GetDeploymentCommand({ deploymentId }), { abortSignal }))).deploymentInfo;
  } catch {
    // Denied or failing CodeDeploy reads were already noted while following the deployment.
    return undefined;
  }
  const target = readAppSpecHooks(deployment?.revision?.appSpecContent?.content ?? '').get(event);
  if (deployment === undefined || target === undefined) return undefined;
  const name = lambdaFunctionName(target);
  const logGroup = `/aws/lambda/${name}`;
  const located = { lifecycleEvent: event, functionName: name, logGroup };
  try {
    const decision = await readDecision(region, logGroup, deployment, send);
    const note = decision.reason === undefined ? `No decision for ${deploymentId} was found in its log group ${logGroup}.` : undefined;
    return { ...located, ...decision, note };
  } catch (error) {
    return { ...located, reason: undefined, failedChecks: [], note: unreadable(logGroup, error) };
  }
};

export { hookFailure, persistent, readHookRecords, unreadable };
export type { FailedCheck, HookFailure, Send };
