/**
 * The execution a run deploys with, fixed once its ID is known: everything downstream (follow, report, outputs,
 * GitHub deployment) reads these from here instead of each carrying its own copy.
 */
interface ExecutionContext {
  readonly pipelineName: string;
  readonly region: string;
  readonly executionId: string;
  /** The execution's page in the CodePipeline console. */
  readonly executionUrl: string;
}

const executionContext = (region: string, pipelineName: string, executionId: string): ExecutionContext => ({
  pipelineName,
  region,
  executionId,
  executionUrl:
    `https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${encodeURIComponent(pipelineName)}` +
    `/executions/${executionId}/timeline?region=${region}`,
});

export { executionContext };
export type { ExecutionContext };
