import { describe, expect, it } from '@jest/globals';
import { AwsErrorKind, classifyAwsError, isRetryableAwsError, readAwsError } from '../src/index.js';

const awsError = (name: string, httpStatusCode: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode }, ...extra });

describe('classifyAwsError', () => {
  it.each([
    ['throttling', awsError('ThrottlingException', 400), AwsErrorKind.Throttling],
    ['a Query API throttle', awsError('Throttling', 400), AwsErrorKind.Throttling],
    ['an HTTP 429', awsError('SlowDown', 429), AwsErrorKind.Throttling],
    ['a 500', awsError('InternalFailure', 500), AwsErrorKind.Transient],
    ['a 503', awsError('ServiceUnavailable', 503), AwsErrorKind.Transient],
    ['a 501 (retried by the SDK as a server error)', awsError('NotImplemented', 501), AwsErrorKind.Transient],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), AwsErrorKind.Transient],
    ["undici's closed socket", Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), AwsErrorKind.Transient],
    ['an attempt timeout', Object.assign(new Error('aborted'), { name: 'AbortError' }), AwsErrorKind.Transient],
    ['a transport failure the SDK wrapped', new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), AwsErrorKind.Transient],
    ['access denied', awsError('AccessDeniedException', 403), AwsErrorKind.Denied],
    ['a Query API denial answered 400', awsError('UnauthorizedOperation', 400), AwsErrorKind.Denied],
    ['expired credentials', awsError('ExpiredTokenException', 400), AwsErrorKind.Expired],
    ['a completed lifecycle event', awsError('LifecycleEventAlreadyCompletedException', 400), AwsErrorKind.Permanent],
    ['a validation error', awsError('ValidationException', 400), AwsErrorKind.Permanent],
    ['a missing pipeline', awsError('PipelineNotFoundException', 400), AwsErrorKind.Permanent],
    ['missing credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), AwsErrorKind.Permanent],
    ['an answered error whose text mentions a timeout', awsError('ValidationException', 400, { message: 'timeout must be positive' }), AwsErrorKind.Permanent],
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
    expect(facts).toEqual({ kind: AwsErrorKind.Denied, name: 'AccessDeniedException', message: 'AccessDeniedException happened', httpStatus: 403 });
  });

  it('reads something thrown that is not an error as an unanswered call', () => {
    // Act
    const facts = readAwsError('connect ETIMEDOUT 10.0.0.1:443');

    // Assess
    expect(facts).toEqual({ kind: AwsErrorKind.Transient, name: 'Error', message: 'connect ETIMEDOUT 10.0.0.1:443', httpStatus: undefined });
  });
});
