import { cancelSentences, cancelTitle } from './cancel-report.js';
import { ExecutionOutcomeError } from './errors.js';
import { failureMessage, type ExecutionReport } from './report.js';

/** How a GitHub deployment shows on the repository's Environments page. */
type DeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive' | 'error';

interface PassingOutcome {
  /** After "Pipeline `<name>`" in the job summary's heading. */
  readonly headline: string;
  readonly deploymentState: DeploymentState;
  /** The step's exit code: 0 passes the job. */
  readonly exit: 0;
  /** The CodePipeline execution status that ends in this outcome, for outcomes that mirror one. */
  readonly status?: string;
  /** Why the step stopped following a deployment that was still running, for outcomes that do. */
  readonly endedEarly?: string;
}

interface FailingOutcome extends Omit<PassingOutcome, 'exit'> {
  readonly exit: 1;
  /** The one annotation: what happened, and what to do next. */
  readonly annotation: (report: ExecutionReport) => ExecutionOutcomeError;
}

const execution = (report: ExecutionReport): string => `Execution ${report.executionId} of pipeline '${report.pipelineName}'`;

/**
 * Everything the action says and does per outcome, in one place: the summary's headline, the GitHub deployment
 * state (Started stays in_progress: wait: false leaves the execution running), the exit code and the annotation.
 */
const outcomeTable = {
  Succeeded: { headline: '✅ succeeded', deploymentState: 'success', exit: 0, status: 'Succeeded' },
  Failed: {
    headline: '❌ failed',
    deploymentState: 'failure',
    exit: 1,
    status: 'Failed',
    annotation: (report) => {
      const run = report.failedRun;
      const where = run === undefined ? '' : ` in stage ${run.stageName}, action ${run.actionName}`;
      const link = run?.externalUrl ?? report.executionUrl;
      return new ExecutionOutcomeError(
        `Pipeline failed${run === undefined ? '' : ` at ${run.stageName} › ${run.actionName}`}`,
        `${execution(report)} failed${where}: ${failureMessage(report) ?? 'no details'}. Details: ${link} — fix the cause and ` +
          're-run the job, or retry the failed stage from the console.',
      );
    },
  },
  Stopped: {
    headline: '⏹️ was stopped',
    deploymentState: 'inactive',
    exit: 1,
    status: 'Stopped',
    annotation: (report) =>
      new ExecutionOutcomeError(
        'Pipeline execution stopped',
        `${execution(report)} was stopped${report.statusSummary === undefined ? '' : `: ${report.statusSummary}`}. ` +
          `Re-run the job to deploy again. ${report.executionUrl}`,
      ),
  },
  Cancelled: {
    headline: '🚫 was cancelled',
    deploymentState: 'inactive',
    exit: 1,
    status: 'Cancelled',
    annotation: (report) =>
      new ExecutionOutcomeError(
        'Pipeline execution cancelled',
        `${execution(report)} was cancelled because the pipeline's definition changed while it ran. Re-run the job to ` +
          `deploy with the new definition. ${report.executionUrl}`,
      ),
  },
  Superseded: {
    headline: '⏭️ was superseded',
    deploymentState: 'inactive',
    exit: 1,
    status: 'Superseded',
    annotation: (report) => {
      const newer = report.supersededBy;
      const by = newer === undefined ? 'a newer execution' : `newer execution ${newer.executionId} (${newer.status})`;
      return new ExecutionOutcomeError(
        'Pipeline execution superseded',
        `${execution(report)} was superseded by ${by}, which deploys a more recent revision; this job does not follow ` +
          "it. Follow that execution with the 'execution-id' input, or give the pipeline the QUEUED execution " +
          'mode so every commit deploys.',
      );
    },
  },
  /** We stopped following at timeout-minutes; the execution runs on. */
  TimedOut: {
    headline: '⏱️ is still running (timeout reached)',
    deploymentState: 'inactive',
    exit: 1,
    endedEarly: 'timeout-minutes reached',
    annotation: (report) =>
      new ExecutionOutcomeError(
        'Pipeline still running at timeout',
        `${execution(report)} was still ${report.status} after timeout-minutes (${report.timeoutMinutes}); it was left ` +
          `running: ${report.executionUrl}. Raise 'timeout-minutes', or follow it with 'execution-id: ${report.executionId}'.`,
      ),
  },
  /** wait: false — started (or found) and left to run. */
  Started: { headline: '▶️ started', deploymentState: 'in_progress', exit: 0 },
  /** The workflow was cancelled and we asked CodePipeline to stop the execution (and CodeDeploy to roll back). */
  StopRequested: {
    headline: '⏹️ stop requested (workflow cancelled)',
    deploymentState: 'inactive',
    exit: 1,
    endedEarly: 'workflow cancelled',
    annotation: (report) =>
      new ExecutionOutcomeError(
        cancelTitle(report.cancellation),
        [
          `The workflow run was cancelled, so CodePipeline was asked to stop execution ${report.executionId} of pipeline '${report.pipelineName}' (${report.status}).`,
          ...(report.cancellation === undefined ? [] : cancelSentences(report.cancellation, false)),
          report.executionUrl,
        ].join(' '),
      ),
  },
  /** The workflow was cancelled and the execution left running (not ours, or on-cancel: none). */
  LeftRunning: {
    headline: '🔄 left running (workflow cancelled)',
    deploymentState: 'inactive',
    exit: 1,
    endedEarly: 'workflow cancelled',
    annotation: (report) =>
      new ExecutionOutcomeError(
        'Workflow cancelled: pipeline left running',
        `The workflow run was cancelled; execution ${report.executionId} of pipeline '${report.pipelineName}' was ` +
          "left running because this step did not start it or 'on-cancel' is none. " +
          report.executionUrl,
      ),
  },
} as const satisfies Readonly<Record<string, PassingOutcome | FailingOutcome>>;

type Outcome = keyof typeof outcomeTable;

/** The outcomes by name (`outcomes.Failed`), each the key of its row. */
const outcomes = Object.fromEntries(Object.keys(outcomeTable).map((name) => [name, name])) as { readonly [Name in Outcome]: Name };

const outcomeRow = (outcome: Outcome): PassingOutcome | FailingOutcome => outcomeTable[outcome];

/** The outcome an ended execution's CodePipeline status means; any other status was still running at timeout. */
const outcomeOfStatus = (status: string): Outcome =>
  (Object.keys(outcomeTable) as Outcome[]).find((outcome) => outcomeRow(outcome).status === status) ?? outcomes.TimedOut;

/** The one annotation for every outcome but a passing one; undefined when the step passes. */
const outcomeError = (report: ExecutionReport): ExecutionOutcomeError | undefined => {
  const row = outcomeRow(report.outcome);
  return row.exit === 0 ? undefined : row.annotation(report);
};

export { outcomes, type Outcome, outcomeError, outcomeOfStatus, outcomeRow };
export type { DeploymentState };
