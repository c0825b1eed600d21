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
import { hookName, isRolledBack, type ServiceDeploymentFacts } from './service-deployment.js';

interface FailedCheck {
  readonly name: string;
  readonly reason: string;
}

/** A deployment (CodeDeploy, or an ECS service deployment) that failed at a lifecycle hook, and what the hook logged about why. */
interface HookFailure {
  /** The CodeDeploy lifecycle event, or the ECS lifecycle stage. */
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

/** Where one deployment's hook lines are: the log group, the term every line carries, the deployment's time window. */
interface HookLogQuery {
  readonly logGroup: string;
  readonly term: string;
  readonly startTime: number;
  readonly endTime: number;
}

/** The hook records of one deployment in its log group (FilterLogEvents for the term), a bounded number of pages. */
const readHookRecords = async (
  region: string,
  query: HookLogQuery,
  belongs: (record: HookLogRecord) => boolean,
  send: Send,
): Promise<HookLogRecord[]> => {
  const logs = new CloudWatchLogsClient(clientConfig(region));
  const records: HookLogRecord[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const input = {
      logGroupName: query.logGroup,
      filterPattern: `"${query.term}"`,
      startTime: query.startTime - WINDOW_MARGIN_MS,
      endTime: query.endTime + WINDOW_MARGIN_MS,
      ...(nextToken === undefined ? {} : { nextToken }),
    };
    const page = await send((abortSignal) => logs.send(new FilterLogEventsCommand(input), { abortSignal }));
    for (const event of page.events ?? []) {
      const record = readHookLogRecord(event.message ?? '');
      if (record !== undefined && belongs(record)) records.push(record);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && ++pages < MAX_PAGES);
  return records;
};

/** One CodeDeploy deployment's hook records in a hook function's log group (GetDeployment's answer gives the window). */
const readDeploymentRecords = async (region: string, logGroup: string, deployment: DeploymentInfo, send: Send): Promise<HookLogRecord[]> => {
  const deploymentId = deployment.deploymentId ?? '';
  const query = {
    logGroup,
    term: deploymentId,
    startTime: deployment.createTime?.getTime() ?? Date.now(),
    endTime: deployment.completeTime?.getTime() ?? Date.now(),
  };
  // CodeDeploy records carry the deployment; ECS native ones name their service deployment instead.
  return readHookRecords(region, query, (record) => 'deploymentId' in record && record.deploymentId === deploymentId, send);
};

const failedChecksOf = (records: readonly HookLogRecord[], stage?: string): FailedCheck[] =>
  records.flatMap((record) =>
    record.message === HOOK_LOG_MESSAGE.CheckResult && !record.passed && (stage === undefined || record.stage === stage)
      ? [{ name: record.check, reason: record.reason ?? 'failed' }]
      : [],
  );

/**
 * Reads the hook's decision where the deployment's lines are; a note instead of the reason when there is none or
 * the log group cannot be read.
 */
const withDecision = async (
  located: Pick<HookFailure, 'lifecycleEvent' | 'functionName' | 'logGroup'>,
  read: () => Promise<Pick<HookFailure, 'reason' | 'failedChecks'> & Partial<Pick<HookFailure, 'lifecycleEvent'>>>,
  deployment: string,
): Promise<HookFailure> => {
  try {
    const decision = await read();
    const note = decision.reason === undefined ? `No decision for ${deployment} was found in its log group ${located.logGroup}.` : undefined;
    return { ...located, ...decision, note };
  } catch (error) {
    return { ...located, reason: undefined, failedChecks: [], note: unreadable(located.logGroup, error) };
  }
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
  return withDecision({ lifecycleEvent: event, functionName: name, logGroup }, async () => {
    const records = await readDeploymentRecords(region, logGroup, deployment, send);
    // Lambda retries a failed invocation: the last decision is the one CodeDeploy acted on.
    const decision = records.filter((record) => record.message === HOOK_LOG_MESSAGE.Decision).at(-1);
    return { reason: decision?.reason, failedChecks: failedChecksOf(records) };
  }, deploymentId);
};

/** The FAILED decision of one service deployment in one hook's log group, at `stage` when it is known. */
const failedDecision = async (
  region: string,
  logGroup: string,
  facts: ServiceDeploymentFacts,
  stage: string | undefined,
  send: Send,
): Promise<Pick<HookFailure, 'reason' | 'failedChecks' | 'lifecycleEvent'>> => {
  const arn = facts.serviceDeploymentArn;
  const query = { logGroup, term: arn, startTime: facts.createdAt?.getTime() ?? Date.now(), endTime: facts.finishedAt?.getTime() ?? Date.now() };
  const records = await readHookRecords(region, query, (record) => 'resourceArn' in record && record.resourceArn === arn, send);
  const decision = records
    .flatMap((record) => ('hookStatus' in record && record.hookStatus === 'FAILED' && (stage === undefined || record.stage === stage) ? [record] : []))
    .at(-1);
  const decidedAt = decision?.stage ?? stage;
  return { lifecycleEvent: decidedAt ?? '?', reason: decision?.reason, failedChecks: decision === undefined ? [] : failedChecksOf(records, decidedAt) };
};

// A service has a handful of hooks at most (one per stage, usually one in all): a bound on the log groups read.
const MAX_HOOKS_READ = 5;

/**
 * Why an Amazon ECS service deployment rolled back at a lifecycle hook: the hook that answered FAILED (from
 * DescribeServiceDeployments, when a poll saw it; otherwise each Lambda hook the service registers) and its FAILED
 * decision in its log group (FilterLogEvents for the service deployment ARN, which the hook binds to its lines as
 * `resourceArn`). The stage matters: ECS invokes the traffic-shift hooks again while it rolls back, and those later
 * decisions are not the reason. Enrichment only, like hookFailure; undefined when no hook is known to have failed.
 */
const serviceHookFailure = async (
  region: string,
  facts: ServiceDeploymentFacts | undefined,
  signal: AbortSignal,
): Promise<HookFailure | undefined> => {
  if (facts === undefined || !isRolledBack(facts)) return undefined;
  const send = persistent(signal);
  const seen = facts.failedHook;
  const candidates = seen === undefined ? facts.lambdaHookArns.slice(0, MAX_HOOKS_READ) : [seen.targetArn];
  for (const targetArn of candidates) {
    const functionName = hookName(targetArn);
    const logGroup = `/aws/lambda/${functionName}`;
    const failure = await withDecision(
      { lifecycleEvent: seen?.stage ?? '?', functionName, logGroup },
      () => failedDecision(region, logGroup, facts, seen?.stage, send),
      facts.serviceDeploymentArn,
    );
    // A hook not seen failing is blamed only for a FAILED decision of its own.
    if (failure.reason !== undefined || seen !== undefined) return failure;
  }
  return undefined;
};

export { hookFailure, persistent, readDeploymentRecords, serviceHookFailure, unreadable };
export type { FailedCheck, HookFailure, Send };
