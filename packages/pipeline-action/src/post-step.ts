import { getState } from '@actions/core';
import { stopExecution } from './cancel.js';
import { createCodePipelineClient } from './clients.js';
import { describeAwsError } from './aws-errors.js';
import { logLine } from './log.js';
import { getExecution } from './monitor.js';
import { StateKeys } from './outputs.js';
import { reportFailure } from './run.js';
import { readWorkflowRun, stopReason } from './workflow-run.js';

/**
 * The post step (runs only when the workflow was cancelled): the backstop for a main step killed before it could
 * stop its execution. It stops an execution only if this job started it, wanted it stopped on cancel, and it
 * is still InProgress; after a normal end or a stop already requested it does nothing.
 */
const runPost = async (): Promise<void> => {
  const executionId = getState(StateKeys.executionId);
  const pipelineName = getState(StateKeys.pipelineName);
  const region = getState(StateKeys.region);
  if (executionId === '' || pipelineName === '' || region === '') {
    logLine('No pipeline execution was started: nothing to stop.');
    return;
  }
  if (getState(StateKeys.startedByUs) !== 'true' || getState(StateKeys.stopOnCancel) !== 'true') {
    logLine(`Execution ${executionId} is left running (not started by this job, or stop-on-cancel is false).`);
    return;
  }
  if (getState(StateKeys.finished) === 'true' || getState(StateKeys.stopRequested) === 'true') {
    logLine(`Execution ${executionId} needs nothing more: the main step already ended or stopped it.`);
    return;
  }
  const client = createCodePipelineClient(region);
  try {
    const execution = await getExecution({ client, pipelineName, executionId, signal: AbortSignal.timeout(5_000) });
    if (execution.status !== 'InProgress') {
      logLine(`Execution ${executionId} is ${execution.status}: nothing to stop.`);
      return;
    }
    const reason = stopReason(readWorkflowRun(process.env), 'Workflow run cancelled');
    const result = await stopExecution(client, pipelineName, executionId, reason);
    logLine(`Stop requested for execution ${executionId} of pipeline ${pipelineName} (${result}): ${reason}`);
  } catch (error) {
    reportFailure(
      describeAwsError(error, { permission: 'codepipeline:StopPipelineExecution', pipelineName, region, executionId }),
    );
  }
};

export { runPost };
