import { type CodePipelineClient, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { isRetryableAwsError, readAwsError, retry } from '@greenlight/aws-retry';

const STOP_RESULT = {
  /** Stop-and-wait accepted: running actions finish, nothing new starts. */
  Stopping: 'Stopping',
  /** A stop-and-wait was already pending, so the execution was abandoned outright. */
  Abandoned: 'Abandoned',
  /** It had already ended (or was already being abandoned): nothing to stop. */
  NotStoppable: 'NotStoppable',
} as const;
type StopResult = (typeof STOP_RESULT)[keyof typeof STOP_RESULT];

const isNamed = (error: unknown, name: string): boolean => readAwsError(error).name === name;

const sdkAttempts = (error: unknown): number =>
  (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts ?? 1;

// The runner sends SIGTERM 7.5 s after SIGINT and kills the process 2.5 s later: the stop must land before that.
const STOP_BUDGET_MS = 7_000;

const send = (client: CodePipelineClient, pipelineName: string, executionId: string, reason: string, abandon: boolean, deadline: number) =>
  client.send(
    new StopPipelineExecutionCommand({ pipelineName, pipelineExecutionId: executionId, reason, abandon }),
    { abortSignal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) },
  );

/**
 * Stops an execution, retrying transient failures within the cancellation window. A stop-and-wait lets the running
 * action (say, a deployment) finish cleanly; if one is already pending (DuplicatedStopRequestException), the
 * caller clearly wants it gone, so the stop escalates to abandon.
 */
const stopExecution = async (
  client: CodePipelineClient,
  pipelineName: string,
  executionId: string,
  reason: string,
  deadline = Date.now() + STOP_BUDGET_MS,
): Promise<StopResult> => {
  let retried = false;
  // No signal: the stop is what cancellation asks for, so nothing may cut it short but its budget.
  const options = {
    deadline,
    delay: (failures: number) => 200 * 2 ** failures,
    isRetryable: isRetryableAwsError,
    onRetry: () => {
      retried = true;
    },
  };
  try {
    await retry(() => send(client, pipelineName, executionId, reason, false, deadline), options);
    return STOP_RESULT.Stopping;
  } catch (error) {
    if (isNamed(error, 'PipelineExecutionNotStoppableException')) return STOP_RESULT.NotStoppable;
    if (!isNamed(error, 'DuplicatedStopRequestException')) throw error;
    // Our own earlier attempt (retried by us or by the SDK) got through before its answer was lost: that stop is
    // the one pending.
    if (retried || sdkAttempts(error) > 1) return STOP_RESULT.Stopping;
  }
  try {
    await retry(() => send(client, pipelineName, executionId, reason, true, deadline), options);
    return STOP_RESULT.Abandoned;
  } catch (error) {
    if (isNamed(error, 'PipelineExecutionNotStoppableException') || isNamed(error, 'DuplicatedStopRequestException')) {
      return STOP_RESULT.NotStoppable;
    }
    throw error;
  }
};

/**
 * Turns the runner's cancellation signals (SIGINT, then SIGTERM 7.5 s later) into an AbortSignal, so the follow
 * loop ends at once and the step can stop the execution instead of the process dying mid-wait.
 */
class CancellationWatch {
  readonly #controller = new AbortController();
  readonly #onSignal = (signal: NodeJS.Signals): void => {
    if (!this.#controller.signal.aborted) this.#controller.abort(new Error(`received ${signal}`));
  };

  constructor() {
    process.on('SIGINT', this.#onSignal);
    process.on('SIGTERM', this.#onSignal);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get cancelled(): boolean {
    return this.#controller.signal.aborted;
  }

  dispose(): void {
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
  }
}

export { CancellationWatch, STOP_BUDGET_MS, stopExecution, STOP_RESULT, type StopResult };
