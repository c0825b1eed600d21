const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotComplete',
]);

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

interface AwsErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: unknown;
}

const shapeOf = (error: unknown): AwsErrorShape =>
  typeof error === 'object' && error !== null ? error : { message: String(error) };

const isThrottlingError = (error: unknown): boolean => {
  const shape = shapeOf(error);
  return THROTTLING_NAMES.has(shape.name ?? '') || shape.$metadata?.httpStatusCode === 429;
};

/**
 * Throttling, 5xx, timeouts and dropped connections: worth another attempt while time remains. A failure without
 * any HTTP status never got an answer (the SDK may wrap such errors, keeping only their text): transient too.
 */
const isTransientAwsError = (error: unknown): boolean => {
  const shape = shapeOf(error);
  const status = shape.$metadata?.httpStatusCode;
  return (
    isThrottlingError(error) ||
    status === undefined ||
    status >= 500 ||
    shape.$retryable !== undefined ||
    TIMEOUT_NAMES.has(shape.name ?? '') ||
    NETWORK_CODES.has(shape.code ?? '')
  );
};

/** "<name>: <message>" followed by what the operator should do about it. */
const describeAwsError = (error: unknown, action: string, permission: string): string => {
  const shape = shapeOf(error);
  const what = `${action} failed: ${shape.name ?? 'Error'}: ${shape.message ?? 'no message'}`;
  if (shape.name === 'AccessDeniedException' || shape.name === 'AccessDenied' || shape.$metadata?.httpStatusCode === 403) {
    return `${what}. Grant ${permission} to the function's execution role.`;
  }
  if (shape.$metadata?.httpStatusCode === undefined || TIMEOUT_NAMES.has(shape.name ?? '')) {
    return `${what}. If the function runs in a VPC, give it a route to the AWS API (NAT gateway or interface endpoint).`;
  }
  if (isTransientAwsError(error)) {
    return `${what}. The service kept failing or throttling; Lambda retries the invocation, check the service health.`;
  }
  return `${what}. Check the deployment and the function's configuration.`;
};

export { describeAwsError, isTransientAwsError };
