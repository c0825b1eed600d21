import { type CodePipelineClient, ListActionExecutionsCommand, type ActionExecutionDetail } from '@aws-sdk/client-codepipeline';

/** Typical (median) server-time duration of each action, keyed by `stage/action`, from recent executions. */
type TypicalDurations = ReadonlyMap<string, number>;

const actionKey = (stageName: string, actionName: string): string => `${stageName}/${actionName}`;

const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Medians of the succeeded runs' durations. */
const typicalDurations = (details: readonly ActionExecutionDetail[]): TypicalDurations => {
  const samples = new Map<string, number[]>();
  for (const detail of details) {
    if (detail.status !== 'Succeeded') continue;
    if (detail.startTime === undefined || detail.lastUpdateTime === undefined) continue;
    const key = actionKey(detail.stageName ?? '', detail.actionName ?? '');
    const list = samples.get(key) ?? [];
    list.push(detail.lastUpdateTime.getTime() - detail.startTime.getTime());
    samples.set(key, list);
  }
  return new Map([...samples].map(([key, values]) => [key, median(values)]));
};

/**
 * Reads how long each action took in the pipeline's recent executions: one ListActionExecutions page without a
 * filter lists the newest action executions across executions. It is only a hint for the poll schedule, so any
 * failure (denied, throttled) leaves it empty rather than failing the run.
 */
const learnTypicalDurations = async (
  client: CodePipelineClient,
  pipelineName: string,
  signal: AbortSignal,
): Promise<TypicalDurations> => {
  try {
    const page = await client.send(new ListActionExecutionsCommand({ pipelineName, maxResults: 100 }), {
      abortSignal: signal,
    });
    return typicalDurations(page.actionExecutionDetails ?? []);
  } catch {
    return new Map();
  }
};

export { actionKey, learnTypicalDurations, typicalDurations };
export type { TypicalDurations };
