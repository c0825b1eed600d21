/** The action's process ended before it printed the stdout line a test was waiting for. */
class StepExitedError extends Error {
  constructor(pattern: RegExp, exitCode: number | null, signal: NodeJS.Signals | null) {
    super(
      `the action exited (${signal === null ? `code ${String(exitCode)}` : signal}) before printing a line matching ${String(pattern)}: ` +
        'check its stdout and stderr in the run result',
    );
    this.name = 'StepExitedError';
  }
}

export { StepExitedError };
