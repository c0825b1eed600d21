import type { ServerResponse } from 'node:http';
import type { AwsServiceError } from '../errors.js';
import type { Dialect } from './sigv4.js';

interface DecodedRequest {
  /** IAM service prefix, e.g. `codepipeline`. */
  readonly service: string;
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** One AWS wire protocol: how a request names its operation and input, and how results and errors are written. */
interface ProtocolCodec {
  /** How this protocol names authentication failures. */
  readonly dialect: Dialect;
  /** Whether the request speaks this protocol, judged by its headers alone (before it is authenticated). */
  recognises(headers: Readonly<Record<string, string | string[] | undefined>>): boolean;
  /** The request decoded, or undefined when it is not this protocol. Throws AwsServiceError for a malformed body. */
  decode(headers: Readonly<Record<string, string | string[] | undefined>>, body: string): DecodedRequest | undefined;
  writeResult(response: ServerResponse, operation: string, output: object): void;
  writeError(response: ServerResponse, error: AwsServiceError): void;
}

export type { DecodedRequest, ProtocolCodec };
