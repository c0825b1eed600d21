import { error as annotateError, getState } from '@actions/core';
import { cancelSentences, cancelTitle } from './cancel-report.js';
import { createCodePipelineClient } from './clients.js';
import { describeAwsError } from './aws-errors.js';
import { ON_CANCEL } from './inputs.js';
import { logLines, logLine } from './log.js';
import { getExecution } from './monitor.js';
import { cancelExecution } from './on-cancel.js';
import { STATE_KEYS } from './outputs.js';
import { ROLLBACK_RESULT } from './rollback-result.js';
import { reportFailure } from './run.js';
import { readWorkflowRun, stopReason } from './workflow-run.js';

// A stop-and-wait that landed leaves the execution Stopping: its deployment may still need the rollback.
const STILL_CANCELLABLE = new Set(['InProgress', 'Stopping']);

const readOnCancel = (): typeof ON_CANCEL.Rollback | typeof ON_CANCEL.Stop | undefined => {
  const value = getState(STATE_KEYS.onCancel);
  return value === ON_CANCEL.Rollback || value === ON_CANCEL.Stop ? value : undefined;
};

/**
 * The post step (runs only when the workflow was cancelled): the backstop for a main step killed before it could
 * cancel its execution. It acts only on an execution this job started, with on-cancel rollback or stop, that is
 * still running, and does what the main step would have: stop the execution if it is InProgress, and with rollback
 * stop its running deployment with automatic rollback (the deployment id the main step saw, or one read afresh).
 * After a normal end or a cancellation the main step completed, it does nothing.
 */
const runPost = async (): Promise<void> => {
  const executionId = getState(STATE_KEYS.executionId);
  const pipelineName = getState(STATE_KEYS.pipelineName);
  const region = getState(STATE_KEYS.region);
  if (executionId === '' || pipelineName === '' || region === '') {
    logLine('No pipeline execution was started: nothing to stop.');
    return;
  }
  const onCancel = readOnCancel();
  if (getState(STATE_KEYS.startedByUs) !== 'true' || onCancel === undefined) {
    logLine(`Execution ${executionId} is left running (not started by this job, or on-cancel is none).`);
    return;
  }
  if (getState(STATE_KEYS.finished) === 'true' || getState(STATE_KEYS.stopRequested) === 'true') {
    logLine(`Execution ${executionId} needs nothing more: the main step already ended or stopped it.`);
    return;
  }
  const client = createCodePipelineClient(region);
  try {
    const execution = await getExecution({ client, pipelineName, executionId, signal: AbortSignal.timeout(5_000) });
    const status = execution.status ?? 'unknown';
    if (!STILL_CANCELLABLE.has(status) || (status === 'Stopping' && onCancel === ON_CANCEL.Stop)) {
      logLine(`Execution ${executionId} is ${status}: nothing to stop.`);
      return;
    }
    const reason = stopReason(readWorkflowRun(process.env), 'Workflow run cancelled');
    const deploymentId = getState(STATE_KEYS.deploymentId);
    const outcome = await cancelExecution({
      client,
      region,
      pipelineName,
      executionId,
      onCancel,
      reason,
      knownDeploymentIds: deploymentId === '' ? [] : [deploymentId],
      stopExecution: status === 'InProgress',
    });
    logLines([
      outcome.stop === undefined
        ? `Execution ${executionId} of pipeline ${pipelineName} is already stopping.`
        : `Stop requested for execution ${executionId} of pipeline ${pipelineName} (${outcome.stop}): ${reason}`,
      ...cancelSentences(outcome, true),
    ]);
    if (outcome.rollbacks.some((rollback) => rollback.result === ROLLBACK_RESULT.Denied)) {
      annotateError(cancelSentences(outcome, false).join(' '), { title: cancelTitle(outcome) });
    }
  } catch (error) {
    reportFailure(
      describeAwsError(error, { permission: 'codepipeline:StopPipelineExecution', pipelineName, region, executionId }),
    );
  }
};

export { runPost };
