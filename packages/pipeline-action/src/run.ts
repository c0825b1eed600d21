import { error as annotateError, getInput, setFailed, setSecret, warning } from '@actions/core';
import { ExecutionOutcomeError, PipelineActionError } from './errors.js';
import { parseInputs } from './inputs.js';
import { recordDeclaredOutputs, recordFailure } from './outputs.js';

const reportFailure = (failure: unknown): void => {
  if (failure instanceof PipelineActionError) {
    // An execution outcome already set failure-message from its report (the failed action's own error).
    if (!(failure instanceof ExecutionOutcomeError)) recordFailure(failure.message);
    annotateError(failure.message, { title: failure.title });
    process.exitCode = 1;
    return;
  }
  const message = `Unexpected error: ${failure instanceof Error ? failure.message : String(failure)}. Re-run the job; if it happens again, report it with this log.`;
  recordFailure(message);
  setFailed(message);
};

/**
 * The main step. Inputs are validated first, before the AWS SDK is even loaded: a bad input fails in
 * milliseconds and nothing is started.
 */
const run = async (): Promise<void> => {
  try {
    recordDeclaredOutputs();
    const inputs = parseInputs((name) => getInput(name), process.env);
    for (const note of inputs.warnings) warning(note);
    // The runner masks secrets it passed in, but a token from an expression or a file may not be one.
    if (inputs.githubDeployment !== undefined) setSecret(inputs.githubDeployment.token);
    const { execute } = await import('./execute.js');
    await execute(inputs, process.env);
  } catch (failure) {
    reportFailure(failure);
  }
};

export { reportFailure, run };
