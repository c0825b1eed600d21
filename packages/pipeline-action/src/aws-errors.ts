import { AWS_ERROR_KIND, readAwsError } from '@greenlight/aws-retry';
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

interface CallContext {
  /** IAM action, e.g. `codepipeline:StartPipelineExecution`; undefined where the failing call is not known. */
  readonly permission: string | undefined;
  readonly pipelineName: string;
  readonly region: string;
  readonly executionId?: string;
}

const START_REJECTIONS: Readonly<Record<string, string>> = {
  ConcurrentPipelineExecutionsLimitExceededException:
    'Wait for running executions to finish, or raise the pipeline\'s concurrency (QUEUED or PARALLEL execution mode).',
  ConflictException: 'Another change to the pipeline is in progress; re-run the job in a minute.',
  ValidationException: "Check 'variables' and 'source-revisions' against the pipeline's declared variables and source actions.",
  InvalidParameterValueException: "Check 'variables' and 'source-revisions' against the pipeline's declared variables and source actions.",
};

/** Turns an SDK error into the precise error the user sees: what failed and what to do about it. */
const describeAwsError = (error: unknown, context: CallContext): PipelineActionError => {
  if (error instanceof PipelineActionError) return error;
  const { kind, name, message } = readAwsError(error);
  const resource = `arn:aws:codepipeline:${context.region}:<account>:${context.pipelineName}`;
  if (name === 'PipelineNotFoundException') return new PipelineNotFoundError(context.pipelineName, context.region, { cause: error });
  if (name === 'PipelineExecutionNotFoundException' && context.executionId !== undefined) {
    return new ExecutionNotFoundError(context.pipelineName, context.executionId, { cause: error });
  }
  if (kind === AWS_ERROR_KIND.Denied) return new AccessDeniedError(context.permission, resource, { cause: error });
  if (kind === AWS_ERROR_KIND.Expired) return new ExpiredCredentialsError({ cause: error });
  if (name === 'CredentialsProviderError') return new MissingCredentialsError({ cause: error });
  const rejection = START_REJECTIONS[name];
  if (rejection !== undefined && context.permission === 'codepipeline:StartPipelineExecution') {
    return new StartRejectedError(context.pipelineName, `${name}: ${message}`, rejection, { cause: error });
  }
  return new AwsCallError(context.permission ?? 'A CodePipeline call', `${name}: ${message}`, { cause: error });
};

export { describeAwsError };
export type { CallContext };
