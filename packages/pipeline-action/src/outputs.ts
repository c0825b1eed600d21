import { saveState, setOutput } from '@actions/core';
import { cutText } from './cut-text.js';
import type { ExecutionContext } from './execution-context.js';
import type { OnCancel } from './inputs.js';
import type { ExecutionReport } from './report.js';

/** What the main step leaves for the post step (read back from STATE_<key>). */
const STATE_KEYS = {
  executionId: 'execution-id',
  pipelineName: 'pipeline-name',
  region: 'region',
  /** 'true' only for executions this step started: the post step never stops someone else's execution. */
  startedByUs: 'started-by-us',
  /** The on-cancel input: what the post step does after a hard kill. */
  onCancel: 'on-cancel',
  /** The CodeDeploy deployment of this execution once seen, for the post step's rollback. */
  deploymentId: 'deployment-id',
  /** 'true' once the main step ended normally (any outcome): nothing for the post step to do. */
  finished: 'finished',
  /** 'true' once the main step asked CodePipeline to stop the execution. */
  stopRequested: 'stop-requested',
} as const;

/** Every output action.yml declares (a test keeps the two equal). */
const OUTPUT_NAMES = [
  'execution-id',
  'status',
  'execution-url',
  'failed-stage',
  'failed-action',
  'failure-message',
  'deployment-id',
  'duration-seconds',
] as const;

/**
 * Sets every declared output to empty first, through GITHUB_OUTPUT. The runner applies that file after the step
 * and it wins over a `::set-output` line (actions/runner src/Runner.Worker/FileCommandManager.cs), so no text
 * printed on any path, errors included, can forge an output.
 */
const recordDeclaredOutputs = (): void => {
  for (const name of OUTPUT_NAMES) setOutput(name, '');
};

interface KnownExecution extends ExecutionContext {
  readonly startedByUs: boolean;
  readonly onCancel: OnCancel;
}

/** Written the moment the execution ID is known, so later steps and the post step have it whatever happens next. */
const recordExecution = (execution: KnownExecution): void => {
  setOutput('execution-id', execution.executionId);
  setOutput('execution-url', execution.executionUrl);
  saveState(STATE_KEYS.executionId, execution.executionId);
  saveState(STATE_KEYS.pipelineName, execution.pipelineName);
  saveState(STATE_KEYS.region, execution.region);
  saveState(STATE_KEYS.startedByUs, String(execution.startedByUs));
  saveState(STATE_KEYS.onCancel, execution.onCancel);
  // Every key the post step reads is in GITHUB_STATE from here on, so a printed `::save-state` line never wins.
  saveState(STATE_KEYS.deploymentId, '');
  saveState(STATE_KEYS.finished, 'false');
  saveState(STATE_KEYS.stopRequested, 'false');
};

/** The execution's CodeDeploy deployment, as soon as it is seen: a post step after a hard kill rolls it back. */
const recordDeployment = (deploymentId: string): void => saveState(STATE_KEYS.deploymentId, deploymentId);

const recordReport = (report: ExecutionReport, failureMessage: string | undefined): void => {
  setOutput('status', report.status);
  setOutput('failed-stage', report.failedRun?.stageName ?? '');
  setOutput('failed-action', report.failedRun?.actionName ?? '');
  setOutput('failure-message', cutText(failureMessage ?? '', MAX_FAILURE_MESSAGE_CHARS));
  setOutput('deployment-id', report.deploymentId ?? '');
  setOutput('duration-seconds', String(Math.round(report.durationMs / 1000)));
};

/** An output holding external text is cut here: later steps read it, and it may quote any AWS message. */
const MAX_FAILURE_MESSAGE_CHARS = 4_096;

/** The error that ended the step before (or instead of) an execution outcome: a bad input, a denied call. */
const recordFailure = (message: string): void => setOutput('failure-message', cutText(message, MAX_FAILURE_MESSAGE_CHARS));

const recordFinished = (): void => saveState(STATE_KEYS.finished, 'true');

const recordStopRequested = (): void => saveState(STATE_KEYS.stopRequested, 'true');

export { OUTPUT_NAMES, recordDeclaredOutputs, recordDeployment, recordExecution, recordFailure, recordFinished, recordReport, recordStopRequested, STATE_KEYS };
export type { KnownExecution };
