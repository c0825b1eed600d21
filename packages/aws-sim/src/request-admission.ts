import type { IncomingMessage } from 'node:http';
import { AwsServiceError } from './errors.js';
import type { DecodedRequest, ProtocolCodec } from './protocol/codec.js';
import { checkScopeService, verifySignature, type CredentialScope } from './protocol/sigv4.js';
import type { ServiceDefinition } from './services/service.js';

interface AdmissionOptions {
  readonly region: string;
  /** Access key id → secret access key: the keys whose signatures are accepted. */
  readonly credentials: ReadonlyMap<string, string>;
}

const unknownOperation = (): AwsServiceError =>
  new AwsServiceError(
    'UnknownOperationException',
    'The request names no operation: expected an x-amz-target header (AWS JSON) or a form-encoded Action with a known Version (AWS Query).',
  );

const asServiceError = (error: unknown): AwsServiceError =>
  error instanceof AwsServiceError ? error : new AwsServiceError('SerializationException', String(error));

/** What a request says it is, and the first reason to refuse it: its signature, then its body, then its signing scope. */
interface Admission {
  readonly decoded: DecodedRequest | undefined;
  readonly refusal: AwsServiceError | undefined;
}

const admit = (
  request: IncomingMessage,
  body: Buffer,
  codec: ProtocolCodec,
  byService: ReadonlyMap<string, ServiceDefinition>,
  options: AdmissionOptions,
): Admission => {
  let refusal: AwsServiceError | undefined;
  let scope: CredentialScope | undefined;
  try {
    scope = verifySignature(
      { method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body },
      { dialect: codec.dialect, region: options.region, credentials: options.credentials, nowMs: Date.now() },
    );
  } catch (error) {
    refusal = asServiceError(error);
  }
  let decoded: DecodedRequest | undefined;
  try {
    decoded = codec.decode(request.headers, body.toString('utf8'));
    if (decoded === undefined) {
      throw unknownOperation();
    }
  } catch (error) {
    refusal ??= asServiceError(error);
  }
  const definition = decoded === undefined ? undefined : byService.get(decoded.service);
  if (refusal === undefined && scope !== undefined && definition !== undefined) {
    try {
      checkScopeService(scope, definition.signingName, codec.dialect);
    } catch (error) {
      refusal = asServiceError(error);
    }
  }
  return { decoded, refusal };
};

export { admit, unknownOperation };
export type { Admission, AdmissionOptions };
