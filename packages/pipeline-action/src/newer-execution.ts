import { type CodePipelineClient, ListPipelineExecutionsCommand, type PipelineExecutionSummary } from '@aws-sdk/client-codepipeline';
import type { NewerExecution } from './report.js';

const MAX_PAGES = 5;

/**
 * The execution that superseded ours: the earliest one started after it that was not itself superseded (else
 * the newest). Only named in the message, never followed. Undefined when it cannot be found.
 */
const findNewerExecution = async (
  client: CodePipelineClient,
  pipelineName: string,
  executionId: string,
  signal: AbortSignal,
): Promise<NewerExecution | undefined> => {
  const summaries: PipelineExecutionSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.send(
      new ListPipelineExecutionsCommand({ pipelineName, maxResults: 100, ...(nextToken === undefined ? {} : { nextToken }) }),
      { abortSignal: signal },
    );
    summaries.push(...(answer.pipelineExecutionSummaries ?? []));
    nextToken = answer.nextToken;
    if (nextToken === undefined || summaries.some((summary) => summary.pipelineExecutionId === executionId)) break;
  }
  const ours = summaries.find((summary) => summary.pipelineExecutionId === executionId);
  const oursStart = ours?.startTime?.getTime() ?? Number.NEGATIVE_INFINITY;
  const newer = summaries
    .filter((summary) => summary.pipelineExecutionId !== executionId && (summary.startTime?.getTime() ?? 0) > oursStart)
    .sort((left, right) => (left.startTime?.getTime() ?? 0) - (right.startTime?.getTime() ?? 0));
  const chosen = newer.find((summary) => summary.status !== 'Superseded') ?? newer.at(-1);
  return chosen?.pipelineExecutionId === undefined
    ? undefined
    : { executionId: chosen.pipelineExecutionId, status: chosen.status ?? 'unknown' };
};

export { findNewerExecution };
