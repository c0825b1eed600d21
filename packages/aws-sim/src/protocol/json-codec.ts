import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsServiceError } from '../errors.js';
import type { DecodedRequest, ProtocolCodec } from './codec.js';

/** `x-amz-target` prefixes of the AWS JSON 1.1 services, mapped to their IAM service prefix. */
const TARGET_PREFIXES: Readonly<Record<string, string>> = {
  CodePipeline_20150709: 'codepipeline',
  CodeDeploy_20141006: 'codedeploy',
  CodeBuild_20161006: 'codebuild',
  Logs_20140328: 'logs',
  AmazonEC2ContainerServiceV20141113: 'ecs',
};

/** `x-amz-target` prefixes of the AWS JSON 1.0 services: CloudWatch, whose SDK model names it Granite. */
const JSON10_TARGET_PREFIXES: Readonly<Record<string, string>> = {
  GraniteServiceVersion20100801: 'cloudwatch',
};

/** AWS JSON 1.1 timestamps are epoch seconds (fractions allowed), not ISO strings. */
const toWire = (value: unknown): unknown => {
  if (value instanceof Date) {
    return value.getTime() / 1000;
  }
  if (Array.isArray(value)) {
    return value.map(toWire);
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) {
        out[key] = toWire(inner);
      }
    }
    return out;
  }
  return value;
};

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

const targetPrefix = (headers: Readonly<Record<string, string | string[] | undefined>>): string | undefined =>
  headerValue(headers['x-amz-target'])?.split('.', 1)[0];

const decode = (headers: Readonly<Record<string, string | string[] | undefined>>, body: string): DecodedRequest | undefined => {
  const target = headerValue(headers['x-amz-target']);
  if (target === undefined) {
    return undefined;
  }
  const [prefix = '', operation = ''] = target.split('.', 2);
  const service = TARGET_PREFIXES[prefix] ?? JSON10_TARGET_PREFIXES[prefix] ?? prefix;
  let input: unknown = {};
  if (body.trim() !== '') {
    try {
      input = JSON.parse(body);
    } catch (error) {
      throw new AwsServiceError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  return { service, operation, input: input as Record<string, unknown> };
};

const send = (
  response: ServerResponse,
  contentType: string,
  status: number,
  payload: unknown,
  extraHeaders: Record<string, string> = {},
): void => {
  const body = JSON.stringify(toWire(payload));
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': randomUUID(),
    ...extraHeaders,
  });
  response.end(body);
};

/**
 * The awsQueryCompatible services (CloudWatch) also name each error as their Query API did, `Code;Sender` or
 * `Code;Receiver`, which the SDK reads into the error's `Code`: the JSON code without its `Exception` suffix.
 */
const queryErrorHeader = (error: AwsServiceError): Record<string, string> => ({
  'x-amzn-query-error': `${error.code.replace(/Exception$/, '')};${error.httpStatus >= 500 ? 'Receiver' : 'Sender'}`,
});

const awsJsonCodec = (version: '1.0' | '1.1', queryCompatible: boolean, recognises: ProtocolCodec['recognises']): ProtocolCodec => {
  const contentType = `application/x-amz-json-${version}`;
  return {
    dialect: 'json',
    recognises,
    decode,
    writeResult: (response, _operation, output) => send(response, contentType, 200, output),
    writeError: (response, error) =>
      send(response, contentType, error.httpStatus, { __type: error.code, message: error.message }, {
        'x-amzn-errortype': error.code,
        ...(queryCompatible ? queryErrorHeader(error) : {}),
      }),
  };
};

/** AWS JSON 1.0 with awsQueryCompatible, as the installed CloudWatch SDK speaks it (`AwsJson1_0Protocol`). */
const json10Codec = awsJsonCodec('1.0', true, (headers) => Object.hasOwn(JSON10_TARGET_PREFIXES, targetPrefix(headers) ?? ''));

/**
 * AWS JSON 1.1 (`x-amz-target: Prefix.Operation`), spoken by CodePipeline, CodeDeploy, CodeBuild and CloudWatch Logs;
 * also the answer to any other target (an unknown operation).
 */
const jsonCodec = awsJsonCodec('1.1', false, (headers) => headerValue(headers['x-amz-target']) !== undefined);

export { json10Codec, jsonCodec };
