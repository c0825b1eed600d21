/**
 * Every failure the action reports. Each carries a short `title` for the `::error` annotation and a message that
 * says what went wrong and what to do next.
 */
class PipelineActionError extends Error {
  readonly title: string;

  constructor(title: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PipelineActionError';
    this.title = title;
  }
}

/** An input is missing or malformed; raised before any AWS call, so nothing was started. */
class InputError extends PipelineActionError {
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Invalid input '${input}'`, `Input '${input}' ${problem} Nothing was started.`);
    this.name = 'InputError';
    this.input = input;
  }
}

class PipelineNotFoundError extends PipelineActionError {
  constructor(pipelineName: string, region: string, options?: ErrorOptions) {
    super(
      'Pipeline not found',
      `CodePipeline has no pipeline named '${pipelineName}' in ${region}. Check the 'pipeline-name' and 'region' inputs ` +
        `and that the credentials belong to the account that owns the pipeline.`,
      options,
    );
    this.name = 'PipelineNotFoundError';
  }
}

class ExecutionNotFoundError extends PipelineActionError {
  constructor(pipelineName: string, executionId: string, options?: ErrorOptions) {
    super(
      'Pipeline execution not found',
      `Pipeline '${pipelineName}' has no execution '${executionId}'. Check the 'execution-id' input: it must come ` +
        `from the same pipeline, account and region.`,
      options,
    );
    this.name = 'ExecutionNotFoundError';
  }
}

class AccessDeniedError extends PipelineActionError {
  /** The IAM action refused; undefined when the failing call is not known. */
  readonly permission: string | undefined;

  constructor(permission: string | undefined, resource: string, options?: ErrorOptions) {
    super(
      'AWS permission missing',
      permission === undefined
        ? `The AWS credentials were refused a CodePipeline call on ${resource}. Give the role that ` +
            'aws-actions/configure-aws-credentials assumes every action terraform/modules/github-oidc grants.'
        : `The AWS credentials are not allowed to call ${permission} on ${resource}. Add '${permission}' to the role ` +
            `that aws-actions/configure-aws-credentials assumes.`,
      options,
    );
    this.name = 'AccessDeniedError';
    this.permission = permission;
  }
}

class ExpiredCredentialsError extends PipelineActionError {
  constructor(options?: ErrorOptions) {
    super(
      'AWS credentials expired',
      'The AWS session expired while the pipeline was being followed. OIDC sessions from ' +
        "aws-actions/configure-aws-credentials last 1 hour by default: raise its 'role-duration-seconds' (and the " +
        "role's maximum session duration) above the longest expected wait, or lower 'timeout-minutes'.",
      options,
    );
    this.name = 'ExpiredCredentialsError';
  }
}

class MissingCredentialsError extends PipelineActionError {
  constructor(options?: ErrorOptions) {
    super(
      'AWS credentials not found',
      'No AWS credentials were found in the environment. Run aws-actions/configure-aws-credentials (OIDC) before ' +
        'this action, with `permissions: id-token: write` on the job.',
      options,
    );
    this.name = 'MissingCredentialsError';
  }
}

/** CodePipeline refused to start the execution (concurrency limit, conflict, validation). */
class StartRejectedError extends PipelineActionError {
  constructor(pipelineName: string, reason: string, advice: string, options?: ErrorOptions) {
    super('Pipeline execution not started', `CodePipeline refused to start '${pipelineName}': ${reason} ${advice}`, options);
    this.name = 'StartRejectedError';
  }
}

/** An AWS call failed for a reason that retrying will not fix. */
class AwsCallError extends PipelineActionError {
  constructor(operation: string, detail: string, options?: ErrorOptions) {
    super(
      `${operation} failed`,
      `${operation} failed: ${detail} Check the AWS Service Health Dashboard and the role's permissions, then re-run the job.`,
      options,
    );
    this.name = 'AwsCallError';
  }
}

/** The execution ended in any state but Succeeded, or could not be followed to its end. */
class ExecutionOutcomeError extends PipelineActionError {
  constructor(title: string, message: string) {
    super(title, message);
    this.name = 'ExecutionOutcomeError';
  }
}

export {
  AccessDeniedError,
  AwsCallError,
  ExecutionNotFoundError,
  ExecutionOutcomeError,
  ExpiredCredentialsError,
  InputError,
  MissingCredentialsError,
  PipelineActionError,
  PipelineNotFoundError,
  StartRejectedError,
};
