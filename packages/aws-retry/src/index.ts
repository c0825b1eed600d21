import { type AwsErrorFacts, AWS_ERROR_KIND, type AwsErrorKind, classifyAwsError, isRetryableAwsError, readAwsError } from './classify.js';
import { fullJitterBackoff, retry, type RetryOptions } from './retry.js';

export {
  type AwsErrorFacts,
  AWS_ERROR_KIND, type AwsErrorKind,
  classifyAwsError,
  fullJitterBackoff,
  isRetryableAwsError,
  readAwsError,
  retry,
  type RetryOptions,
};
