import { createHash } from 'node:crypto';

/** What the action knows about the GitHub workflow run it is part of (from the runner's GITHUB_* variables). */
interface WorkflowRun {
  readonly serverUrl: string;
  readonly repository: string | undefined;
  readonly sha: string | undefined;
  readonly runId: string | undefined;
  readonly runAttempt: string;
  readonly job: string | undefined;
  readonly workflow: string | undefined;
}

const readWorkflowRun = (env: NodeJS.ProcessEnv): WorkflowRun => ({
  serverUrl: env['GITHUB_SERVER_URL'] || 'https://github.com',
  repository: env['GITHUB_REPOSITORY'] || undefined,
  sha: env['GITHUB_SHA'] || undefined,
  runId: env['GITHUB_RUN_ID'] || undefined,
  runAttempt: env['GITHUB_RUN_ATTEMPT'] || '1',
  job: env['GITHUB_JOB'] || undefined,
  workflow: env['GITHUB_WORKFLOW'] || undefined,
});

const runUrl = (run: WorkflowRun): string | undefined =>
  run.repository === undefined || run.runId === undefined
    ? undefined
    : `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`;

const STOP_REASON_LIMIT = 200;

/** The reason given to StopPipelineExecution: names the workflow run so the console shows who stopped it. */
const stopReason = (run: WorkflowRun, why: string): string => {
  const where = runUrl(run) ?? 'a GitHub Actions workflow run';
  const reason = `${why} by ${where}`;
  return reason.length <= STOP_REASON_LIMIT ? reason : `${reason.slice(0, STOP_REASON_LIMIT - 1)}…`;
};

const slug = (text: string): string =>
  text
    .replaceAll(/[^a-zA-Z0-9]+/g, '-')
    .replaceAll(/^-|-$/g, '')
    .slice(0, 40);

/**
 * The StartPipelineExecution idempotency token for one job attempt and pipeline: a retried request, a re-run
 * step or a restarted runner within the same attempt can never start a second execution. The readable part is
 * sanitised to the API's charset; the hash keeps distinct (job, pipeline) pairs distinct after sanitising.
 * Undefined outside GitHub Actions, where the SDK's own per-call token applies.
 */
const deriveClientRequestToken = (run: WorkflowRun, pipelineName: string): string | undefined => {
  if (run.runId === undefined) return undefined;
  const job = run.job ?? 'job';
  const digest = createHash('sha256')
    .update([run.repository ?? '', run.runId, run.runAttempt, job, pipelineName].join('\0'))
    .digest('hex')
    .slice(0, 16);
  const readable = ['gh', slug(run.runId), slug(run.runAttempt), slug(job), slug(pipelineName)]
    .filter((part) => part !== '')
    .join('-')
    .slice(0, 128 - digest.length - 1);
  return `${readable}-${digest}`;
};

export { deriveClientRequestToken, readWorkflowRun, runUrl, stopReason };
export type { WorkflowRun };
