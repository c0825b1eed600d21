import { describe, expect, it } from '@jest/globals';
import { describeAwsError, isTransientAwsError } from '../../src/aws-errors.js';
import { withRetry } from '../../src/retry.js';

const awsError = (name: string, httpStatusCode: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode }, ...extra });

describe('isTransientAwsError', () => {
  it.each([
    ['throttling', awsError('ThrottlingException', 400), true],
    ['a 500', awsError('InternalFailure', 500), true],
    ['a 503', awsError('ServiceUnavailable', 503), true],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), true],
    ['an attempt timeout', Object.assign(new Error('aborted'), { name: 'AbortError' }), true],
    ['a transport failure the SDK wrapped', new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), true],
    ['access denied', awsError('AccessDeniedException', 403), false],
    ['a completed lifecycle event', awsError('LifecycleEventAlreadyCompletedException', 400), false],
    ['a validation error', awsError('ValidationException', 400), false],
  ])('classifies %s (retry: %s)', (_case, error, transient) => {
    // Act
    const verdict = isTransientAwsError(error);

    // Assess
    expect(verdict).toBe(transient);
  });
});

describe('describeAwsError', () => {
  it('tells what permission to grant on access denied', () => {
    // Act
    const text = describeAwsError(awsError('AccessDeniedException', 403), 'GetDeployment d-1', 'codedeploy:GetDeployment');

    // Assess
    expect(text).toBe(
      "GetDeployment d-1 failed: AccessDeniedException: AccessDeniedException happened. Grant codedeploy:GetDeployment to the function's execution role.",
    );
  });

  it('points at the VPC route when the API cannot be reached', () => {
    // Act
    const text = describeAwsError(Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'GetDeployment d-1', 'x');

    // Assess
    expect(text).toMatch(/If the function runs in a VPC, give it a route to the AWS API/);
  });
});

describe('withRetry', () => {
  it('retries transient failures until the operation succeeds', async () => {
    // Prepare
    const attempts: number[] = [];

    // Act
    const value = await withRetry(
      (attempt) => {
        attempts.push(attempt);
        return attempt < 3 ? Promise.reject(awsError('ThrottlingException', 400)) : Promise.resolve('done');
      },
      { deadline: Date.now() + 10_000, isRetryable: isTransientAwsError, baseDelayMs: 1 },
    );

    // Assess
    expect(value).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('does not retry an error that will not go away', async () => {
    // Prepare
    let calls = 0;

    // Act
    const outcome = withRetry(
      () => {
        calls += 1;
        return Promise.reject(awsError('AccessDeniedException', 403));
      },
      { deadline: Date.now() + 10_000, isRetryable: isTransientAwsError },
    );

    // Assess
    await expect(outcome).rejects.toThrow('AccessDeniedException happened');
    expect(calls).toBe(1);
  });

  it('gives up with the last error when the next attempt would start after the deadline', async () => {
    // Prepare
    let calls = 0;
    const deadline = Date.now() + 300;

    // Act
    const outcome = withRetry(
      () => {
        calls += 1;
        return Promise.reject(awsError('ThrottlingException', 400));
      },
      { deadline, isRetryable: isTransientAwsError, baseDelayMs: 20, maxDelayMs: 50 },
    );

    // Assess
    await expect(outcome).rejects.toThrow('ThrottlingException happened');
    expect(Date.now()).toBeLessThan(deadline + 2_000);
    expect(calls).toBeGreaterThan(1);
  });
});
