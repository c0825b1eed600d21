import { BatchGetBuildsCommand, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AWS_ERROR_KIND, classifyAwsError } from '@greenlight/aws-retry';
import { clientConfig } from './clients.js';

interface BuildLogTail {
  /** The last lines of the build log, oldest first; empty when unavailable. */
  readonly lines: readonly string[];
  /** Why there are no lines, when there are none. */
  readonly note: string | undefined;
}

const TAIL_LINES = 30;

const unavailable = (permission: string, error: unknown): BuildLogTail => ({
  lines: [],
  note: classifyAwsError(error) === AWS_ERROR_KIND.Denied
    ? `Build log unavailable: ${permission} is not allowed.`
    : `Build log unavailable: ${(error as Error).message}`,
});

/**
 * The last lines of a failed CodeBuild build's log (BatchGetBuilds for the log stream, then GetLogEvents from the
 * end). Enrichment only: every failure becomes a note, never an error.
 */
const buildLogTail = async (region: string, buildId: string, signal: AbortSignal): Promise<BuildLogTail> => {
  let logs;
  try {
    const codebuild = new CodeBuildClient(clientConfig(region));
    const answer = await codebuild.send(new BatchGetBuildsCommand({ ids: [buildId] }), { abortSignal: signal });
    logs = answer.builds?.[0]?.logs;
  } catch (error) {
    return unavailable('codebuild:BatchGetBuilds', error);
  }
  if (logs?.groupName === undefined || logs.streamName === undefined) {
    return { lines: [], note: `Build ${buildId} has no CloudWatch Logs stream.` };
  }
  try {
    const cloudwatch = new CloudWatchLogsClient(clientConfig(region));
    const answer = await cloudwatch.send(
      new GetLogEventsCommand({
        logGroupName: logs.groupName,
        logStreamName: logs.streamName,
        limit: TAIL_LINES,
        startFromHead: false,
      }),
      { abortSignal: signal },
    );
    const lines = (answer.events ?? []).map((event) => (event.message ?? '').replace(/\r?\n$/, ''));
    return { lines, note: lines.length === 0 ? `Build ${buildId}'s log is empty.` : undefined };
  } catch (error) {
    return unavailable('logs:GetLogEvents', error);
  }
};

export { buildLogTail };
export type { BuildLogTail };
