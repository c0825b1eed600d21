import { CodePipelineClient } from '@aws-sdk/client-codepipeline';

const USER_AGENT = 'greenlight-pipeline-action';

const retryMode = (fromEnvironment: string | undefined): string =>
  fromEnvironment === 'standard' || fromEnvironment === 'legacy' ? fromEnvironment : 'adaptive';

/**
 * Settings shared by every AWS client. Credentials and endpoints come from the standard chain and the
 * environment (AWS_ENDPOINT_URL_<SERVICE> included), never from inputs. The SDK retries throttling, 5xx and
 * dropped connections itself; the follow loop retries on top of that, so a bad minute never ends the run.
 */
const clientConfig = (region: string) =>
  ({
    region,
    maxAttempts: 4,
    // Adaptive: the SDK's client-side rate limiter slows this client down when AWS throttles it, so many workflows
    // sharing one account's quotas stop retrying into the same limit. AWS_RETRY_MODE (the SDK's own variable) still
    // chooses another mode.
    retryMode: retryMode(process.env['AWS_RETRY_MODE']),
    customUserAgent: USER_AGENT,
    // A slow answer must not stall the loop past the timeout or the cancellation window.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  }) as const;

const createCodePipelineClient = (region: string): CodePipelineClient => new CodePipelineClient(clientConfig(region));

export { clientConfig, createCodePipelineClient };
