import { describe, expect, it } from '@jest/globals';
import { AWS_ERROR_KIND, classifyAwsError, isRetryableAwsError, readAwsError } from '../src/index.js';

const awsError = (name: string, httpStatusCode: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode }, ...extra });

describe('classifyAwsError', () => {
  it.each([
    ['throttling', awsError('ThrottlingException', 400), AWS_ERROR_KIND.Throttling],
    ['a Query API throttle', awsError('Throttling', 400), AWS_ERROR_KIND.Throttling],
    ['an HTTP 429', awsError('SlowDown', 429), AWS_ERROR_KIND.Throttling],
    ['a 500', awsError('InternalFailure', 500), AWS_ERROR_KIND.Transient],
    ['a 503', awsError('ServiceUnavailable', 503), AWS_ERROR_KIND.Transient],
    ['a 501 (retried by the SDK as a server error)', awsError('NotImplemented', 501), AWS_ERROR_KIND.Transient],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), AWS_ERROR_KIND.Transient],
    ["undici's closed socket", Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), AWS_ERROR_KIND.Transient],
    ['an attempt timeout', Object.assign(new Error('aborted'), { name: 'AbortError' }), AWS_ERROR_KIND.Transient],
    ['a transport failure the SDK wrapped', new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), AWS_ERROR_KIND.Transient],
    ['access denied', awsError('AccessDeniedException', 403), AWS_ERROR_KIND.Denied],
    ['a Query API denial answered 400', awsError('UnauthorizedOperation', 400), AWS_ERROR_KIND.Denied],
    ['expired credentials', awsError('ExpiredTokenException', 400), AWS_ERROR_KIND.Expired],
    ['a completed lifecycle event', awsError('LifecycleEventAlreadyCompletedException', 400), AWS_ERROR_KIND.Permanent],
    ['a validation error', awsError('ValidationException', 400), AWS_ERROR_KIND.Permanent],
    ['a missing pipeline', awsError('PipelineNotFoundException', 400), AWS_ERROR_KIND.Permanent],
    ['missing credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), AWS_ERROR_KIND.Permanent],
    ['an answered error whose text mentions a timeout', awsError('ValidationException', 400, { message: 'timeout must be positive' }), AWS_ERROR_KIND.Permanent],
  ])('classifies %s', (_case, error, kind) => {
    // Act
    const verdict = classifyAwsError(error);

    // Assess
    expect(verdict).toBe(kind);
  });
});

describe('isRetryableAwsError', () => {
  it('retries throttling and transient failures only', () => {
    // Act
    const verdicts = [
      awsError('ThrottlingException', 400),
      awsError('InternalFailure', 500),
      awsError('AccessDeniedException', 403),
      awsError('ExpiredTokenException', 400),
      awsError('ValidationException', 400),
    ].map(isRetryableAwsError);

    // Assess
    expect(verdicts).toEqual([true, true, false, false, false]);
  });
});

describe('readAwsError', () => {
  it('reads the name, message and HTTP status of an SDK error', () => {
    // Act
    const facts = readAwsError(awsError('AccessDeniedException', 403));

    // Assess
    expect(facts).toEqual({ kind: AWS_ERROR_KIND.Denied, name: 'AccessDeniedException', message: 'AccessDeniedException happened', httpStatus: 403 });
  });

  it('reads something thrown that is not an error as an unanswered call', () => {
    // Act
    const facts = readAwsError('connect ETIMEDOUT 10.0.0.1:443');

    // Assess
    expect(facts).toEqual({ kind: AWS_ERROR_KIND.Transient, name: 'Error', message: 'connect ETIMEDOUT 10.0.0.1:443', httpStatus: undefined });
  });
});
