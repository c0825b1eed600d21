import { type AwsErrorFacts, AwsErrorKind, classifyAwsError, isRetryableAwsError, readAwsError } from './classify.js';
import { fullJitterBackoff, retry, type RetryOptions } from './retry.js';

export {
  type AwsErrorFacts,
  AwsErrorKind,
  classifyAwsError,
  fullJitterBackoff,
  isRetryableAwsError,
  readAwsError,
  retry,
  type RetryOptions,
};
