import { randomUUID } from 'node:crypto';
import {
  type CodePipelineClient,
  type PipelineDeclaration,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import type { ActionInputs, SourceRevision } from './inputs.js';
import { deriveClientRequestToken, type WorkflowRun } from './workflow-run.js';

interface RevisionPlan {
  readonly sourceRevisions: readonly SourceRevision[];
  /** Why the revisions are what they are, for the log. */
  readonly notes: readonly string[];
}

const isGitHubConnectionSource = (provider: string | undefined, category: string | undefined): boolean =>
  category === 'Source' && provider === 'CodeStarSourceConnection';

/**
 * Chooses the source revisions: explicit `source-revisions` win; otherwise, with `pin-commit`, every
 * CodeStarSourceConnection source action reading this very repository is pinned to the workflow's commit, so the
 * pipeline deploys exactly what was tested rather than whatever the branch points at a minute later.
 */
const planSourceRevisions = (inputs: ActionInputs, pipeline: PipelineDeclaration | undefined, run: WorkflowRun): RevisionPlan => {
  if (inputs.sourceRevisions.length > 0) {
    return { sourceRevisions: inputs.sourceRevisions, notes: ["Using the 'source-revisions' input."] };
  }
  if (!inputs.pinCommit) return { sourceRevisions: [], notes: ['pin-commit is off: the pipeline takes its sources\' latest revisions.'] };
  if (run.repository === undefined || run.sha === undefined) {
    return { sourceRevisions: [], notes: ['Not pinning a commit: GITHUB_REPOSITORY or GITHUB_SHA is not set.'] };
  }
  const repository = run.repository.toLowerCase();
  const sources = (pipeline?.stages ?? [])
    .flatMap((stage) => stage.actions ?? [])
    .filter((action) => isGitHubConnectionSource(action.actionTypeId?.provider, action.actionTypeId?.category));
  const pinned = sources.filter((action) => action.configuration?.['FullRepositoryId']?.toLowerCase() === repository);
  if (pinned.length === 0) {
    return {
      sourceRevisions: [],
      notes: [`Not pinning a commit: no CodeStarSourceConnection source action reads ${run.repository}.`],
    };
  }
  return {
    sourceRevisions: pinned.map((action) => ({
      actionName: action.name ?? '',
      revisionType: 'COMMIT_ID',
      revisionValue: run.sha ?? '',
    })),
    notes: pinned.map((action) => `Pinning source action '${action.name}' to commit ${run.sha}.`),
  };
};

/** The idempotency token: the input, else derived from the job attempt, else one random token for this process. */
const clientRequestToken = (inputs: ActionInputs, run: WorkflowRun): string =>
  inputs.clientRequestToken ?? deriveClientRequestToken(run, inputs.pipelineName) ?? randomUUID();

/**
 * Starts the execution. The same token on every attempt means a retried or repeated request returns the same
 * execution instead of starting a second one.
 */
const startExecution = async (
  client: CodePipelineClient,
  inputs: ActionInputs,
  plan: RevisionPlan,
  token: string,
): Promise<string> => {
  const answer = await client.send(
    new StartPipelineExecutionCommand({
      name: inputs.pipelineName,
      clientRequestToken: token,
      ...(inputs.variables.length > 0 ? { variables: [...inputs.variables] } : {}),
      ...(plan.sourceRevisions.length > 0 ? { sourceRevisions: [...plan.sourceRevisions] } : {}),
    }),
  );
  if (answer.pipelineExecutionId === undefined) throw new Error('StartPipelineExecution returned no pipelineExecutionId.');
  return answer.pipelineExecutionId;
};

export { clientRequestToken, planSourceRevisions, startExecution };
export type { RevisionPlan };
