import {
  AccessDeniedError,
  AwsCallError,
  ExecutionNotFoundError,
  ExpiredCredentialsError,
  MissingCredentialsError,
  PipelineActionError,
  PipelineNotFoundError,
  StartRejectedError,
} from './errors.js';

/** What an AWS SDK v3 error looks like to us. */
interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const shape = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

const ThrottlingNames = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const NetworkCodes = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
const TransientNames = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalFailure', 'ServiceUnavailable']);
const DeniedNames = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
const ExpiredNames = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);

/** Throttling, 5xx and dropped connections: worth another try later, never a reason to end the run. */
const isTransient = (error: unknown): boolean => {
  const { name = '', code = '', message = '', $metadata } = shape(error);
  const status = $metadata?.httpStatusCode ?? 0;
  return (
    ThrottlingNames.has(name) ||
    TransientNames.has(name) ||
    NetworkCodes.has(code) ||
    status === 429 ||
    status >= 500 ||
    /socket hang up|ECONNRESET|network|timed? ?out/i.test(message)
  );
};

const isNamed = (error: unknown, name: string): boolean => shape(error).name === name;

/** An enrichment call refused for lack of permission: the detail is skipped, the outcome unchanged. */
const isAccessDenied = (error: unknown): boolean =>
  DeniedNames.has(shape(error).name ?? '') || shape(error).$metadata?.httpStatusCode === 403;

interface CallContext {
  /** IAM action, e.g. `codepipeline:StartPipelineExecution`. */
  readonly permission: string;
  readonly pipelineName: string;
  readonly region: string;
  readonly executionId?: string;
}

const StartRejections: Readonly<Record<string, string>> = {
  ConcurrentPipelineExecutionsLimitExceededException:
    'Wait for running executions to finish, or raise the pipeline\'s concurrency (QUEUED or PARALLEL execution mode).',
  ConflictException: 'Another change to the pipeline is in progress; re-run the job in a minute.',
  ValidationException: "Check 'variables' and 'source-revisions' against the pipeline's declared variables and source actions.",
  InvalidParameterValueException: "Check 'variables' and 'source-revisions' against the pipeline's declared variables and source actions.",
};

/** Turns an SDK error into the precise error the user sees: what failed and what to do about it. */
const describeAwsError = (error: unknown, context: CallContext): PipelineActionError => {
  if (error instanceof PipelineActionError) return error;
  const { name = 'Error', message = String(error) } = shape(error);
  const resource = `arn:aws:codepipeline:${context.region}:<account>:${context.pipelineName}`;
  if (name === 'PipelineNotFoundException') return new PipelineNotFoundError(context.pipelineName, context.region, { cause: error });
  if (name === 'PipelineExecutionNotFoundException' && context.executionId !== undefined) {
    return new ExecutionNotFoundError(context.pipelineName, context.executionId, { cause: error });
  }
  if (DeniedNames.has(name)) return new AccessDeniedError(context.permission, resource, { cause: error });
  if (ExpiredNames.has(name)) return new ExpiredCredentialsError({ cause: error });
  if (name === 'CredentialsProviderError') return new MissingCredentialsError({ cause: error });
  const rejection = StartRejections[name];
  if (rejection !== undefined && context.permission === 'codepipeline:StartPipelineExecution') {
    return new StartRejectedError(context.pipelineName, `${name}: ${message}`, rejection, { cause: error });
  }
  return new AwsCallError(context.permission, `${name}: ${message}`, { cause: error });
};

export { describeAwsError, isAccessDenied, isNamed, isTransient };
export type { CallContext };
