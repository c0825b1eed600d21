import { describe, expect, it } from '@jest/globals';
import { describeAwsError } from '../../src/aws-errors.js';
import { AccessDeniedError, ExpiredCredentialsError, MissingCredentialsError, PipelineNotFoundError, StartRejectedError } from '../../src/errors.js';

const sdkError = (name: string, status: number, message = 'boom') =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const CONTEXT = { permission: 'codepipeline:StartPipelineExecution', pipelineName: 'app', region: 'eu-west-1' };

describe('describeAwsError', () => {
  it('turns each refusal into the specific error that says what to do', () => {
    // Act
    const errors = [
      describeAwsError(sdkError('PipelineNotFoundException', 400), CONTEXT),
      describeAwsError(sdkError('AccessDeniedException', 403), CONTEXT),
      describeAwsError(sdkError('ExpiredTokenException', 400), CONTEXT),
      describeAwsError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), CONTEXT),
      describeAwsError(sdkError('ConcurrentPipelineExecutionsLimitExceededException', 400, 'limit'), CONTEXT),
    ];

    // Assess
    expect(errors[0]).toBeInstanceOf(PipelineNotFoundError);
    expect(errors[1]).toBeInstanceOf(AccessDeniedError);
    expect(errors[1]?.message).toContain("Add 'codepipeline:StartPipelineExecution'");
    expect(errors[2]).toBeInstanceOf(ExpiredCredentialsError);
    expect(errors[3]).toBeInstanceOf(MissingCredentialsError);
    expect(errors[3]?.message).toContain('id-token: write');
    expect(errors[4]).toBeInstanceOf(StartRejectedError);
    expect(errors[4]?.message).toContain('QUEUED or PARALLEL');
    expect(errors.every((error) => error.cause !== undefined)).toBe(true);
  });

  it('names no permission it does not know, and points at the role the stack defines instead', () => {
    // Prepare
    const unknownCall = { ...CONTEXT, permission: undefined };

    // Act
    const denied = describeAwsError(sdkError('AccessDeniedException', 403), unknownCall);
    const failed = describeAwsError(sdkError('InternalFailure', 500), unknownCall);

    // Assess
    expect(denied.message).toContain('were refused a CodePipeline call on arn:aws:codepipeline:eu-west-1:<account>:app');
    expect(denied.message).toContain('every action terraform/modules/github-oidc grants');
    expect(denied.message).not.toContain("Add '");
    expect(failed.title).toBe('A CodePipeline call failed');
  });
});
