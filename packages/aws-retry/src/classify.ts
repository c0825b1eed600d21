import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';

/** What an AWS call's failure means for the caller: whether to try again, and what the user has to change. */
const AWS_ERROR_KIND = {
  /** The service asked for fewer calls: try again later. */
  Throttling: 'throttling',
  /** 5xx, timeouts, dropped connections, no answer at all: try again. */
  Transient: 'transient',
  /** The credentials may not make this call: a permission is missing, retrying cannot help. */
  Denied: 'denied',
  /** The credentials have expired: a longer session is needed, retrying cannot help. */
  Expired: 'expired',
  /** The service will give the same answer again (validation, a missing resource, a conflict...). */
  Permanent: 'permanent',
} as const;
type AwsErrorKind = (typeof AWS_ERROR_KIND)[keyof typeof AWS_ERROR_KIND];

/** An AWS SDK v3 failure (or anything thrown in its place), read without trusting its shape. */
interface AwsErrorFacts {
  readonly kind: AwsErrorKind;
  /** The service's error code (`ThrottlingException`), or the JavaScript error's name. */
  readonly name: string;
  readonly message: string;
  /** The HTTP status of the service's answer; undefined when the call got none. */
  readonly httpStatus: number | undefined;
}

type SdkError = Parameters<typeof isTransientError>[0];

// The SDK has no classification of these: its retry strategy never sees them as worth a retry, nor tells them
// from other refusals. The names are the ones AWS services answer (IAM, STS and the EC2-style Query APIs).
const DENIED_NAMES = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError']);
const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);

// Socket failures the SDK's list (ECONNRESET, ECONNREFUSED, EPIPE, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
// ENOTFOUND, EAI_AGAIN) leaves out: an aborted connect, and undici's closed socket.
const MORE_NETWORK_CODES = new Set(['ECONNABORTED', 'UND_ERR_SOCKET']);

// When something other than an Error is thrown inside the SDK, it wraps it as "AWS SDK error wrapper for <text>",
// keeping only the text: a transport failure is then recognisable by its words alone.
const TRANSPORT_WORDS = /socket hang up|ECONNRESET|network|timed? ?out/i;

const asSdkError = (error: unknown): SdkError =>
  (typeof error === 'object' && error !== null ? error : new Error(String(error))) as SdkError;

const httpStatusOf = (error: SdkError): number | undefined => {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

const textOf = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

const isTransient = (error: SdkError, name: string, message: string, httpStatus: number | undefined): boolean =>
  isTransientError(error) ||
  isServerError(error) ||
  // The SDK counts an abort as the caller's wish; a caller's own cancellation is its signal (retry() checks it),
  // so an aborted attempt here is one cut short by its per-attempt timeout.
  name === 'AbortError' ||
  MORE_NETWORK_CODES.has(textOf((error as { code?: unknown }).code, '')) ||
  (httpStatus === undefined && TRANSPORT_WORDS.test(message));

const kindOf = (error: SdkError, name: string, message: string, httpStatus: number | undefined): AwsErrorKind => {
  if (isThrottlingError(error)) return AWS_ERROR_KIND.Throttling;
  if (EXPIRED_NAMES.has(name)) return AWS_ERROR_KIND.Expired;
  if (DENIED_NAMES.has(name) || httpStatus === 403) return AWS_ERROR_KIND.Denied;
  if (isTransient(error, name, message, httpStatus)) return AWS_ERROR_KIND.Transient;
  return AWS_ERROR_KIND.Permanent;
};

/** Classifies an AWS call's failure on the SDK's own rules (@smithy/core/retry), plus what the SDK leaves out. */
const readAwsError = (error: unknown): AwsErrorFacts => {
  const sdkError = asSdkError(error);
  const name = textOf(sdkError.name, 'Error');
  const message = textOf(sdkError.message, 'no message');
  const httpStatus = httpStatusOf(sdkError);
  return { kind: kindOf(sdkError, name, message, httpStatus), name, message, httpStatus };
};

const classifyAwsError = (error: unknown): AwsErrorKind => readAwsError(error).kind;

/** Throttling and transient failures: worth another attempt while time remains. */
const isRetryableAwsError = (error: unknown): boolean => {
  const kind = classifyAwsError(error);
  return kind === AWS_ERROR_KIND.Throttling || kind === AWS_ERROR_KIND.Transient;
};

export { AWS_ERROR_KIND, type AwsErrorKind, classifyAwsError, isRetryableAwsError, readAwsError };
export type { AwsErrorFacts };
