/**
 * An AWS error the simulator answers with, exactly as the service would: the protocol codec turns `code` into
 * `__type` (JSON 1.1) or `<Code>` (Query, where AWS drops the `Exception` suffix).
 */
class AwsServiceError extends Error {
  readonly code: string;
  readonly httpStatus: number;

  constructor(code: string, message: string, httpStatus = 400) {
    super(message);
    this.name = 'AwsServiceError';
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

/** A scenario handed to the simulator (API or CLI file) that cannot be played. */
class SimulatorScenarioError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulatorScenarioError';
  }
}

/** A misuse of the in-process API, e.g. reporting on a deployment that does not exist. */
class SimulatorUsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulatorUsageError';
  }
}

/** A bad command line for the `aws-sim` CLI. */
class SimulatorCliError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SimulatorCliError';
  }
}

const validationError = (message: string): AwsServiceError => new AwsServiceError('ValidationException', message);

export { AwsServiceError, SimulatorCliError, SimulatorScenarioError, SimulatorUsageError, validationError };
