import { AWS_ERROR_KIND, readAwsError } from '@greenlight/aws-retry';

/** "<name>: <message>" followed by what the operator should do about it. */
const describeAwsError = (error: unknown, action: string, permission: string): string => {
  const { kind, name, message, httpStatus } = readAwsError(error);
  const what = `${action} failed: ${name}: ${message}`;
  if (kind === AWS_ERROR_KIND.Denied) {
    return `${what}. Grant ${permission} to the function's execution role.`;
  }
  // No answer at all, or the service gave up waiting for the request: the function cannot reach the API well.
  if (httpStatus === undefined || /timeout/i.test(name)) {
    return `${what}. If the function runs in a VPC, give it a route to the AWS API (NAT gateway or interface endpoint).`;
  }
  if (kind === AWS_ERROR_KIND.Throttling || kind === AWS_ERROR_KIND.Transient) {
    return `${what}. The service kept failing or throttling; Lambda retries the invocation, check the service health.`;
  }
  return `${what}. Check the deployment and the function's configuration.`;
};

export { describeAwsError };
