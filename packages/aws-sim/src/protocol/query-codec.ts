import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsServiceError } from '../errors.js';
import type { ProtocolCodec } from './codec.js';
import { escapeXml, toXml } from './xml-writer.js';

/** Query protocol services by their API version, mapped to their IAM service prefix and XML namespace. */
const QUERY_SERVICES: Readonly<Record<string, { readonly service: string; readonly namespace: string }>> = {
  '2015-12-01': { service: 'elasticloadbalancing', namespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/' },
};

const namespaceOf = (service: string): string =>
  Object.values(QUERY_SERVICES).find((entry) => entry.service === service)?.namespace ?? '';

/**
 * Turns flattened Query keys into nested values: `ListenerArns.member.2=x` becomes `{ ListenerArns: [, 'x'] }`
 * (lists are 1-based on the wire), `A.B=x` becomes `{ A: { B: 'x' } }`.
 */
const nest = (params: URLSearchParams): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === 'Action' || key === 'Version') {
      continue;
    }
    const parts = key.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] ?? '';
      const last = i === parts.length - 1;
      const isListMember = parts[i + 1] === 'member';
      if (part === 'member') {
        continue;
      }
      const slot = Array.isArray(node) ? Number(part) - 1 : part;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = value;
      } else {
        container[slot] ??= isListMember ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
};

const isFormEncoded = (headers: Readonly<Record<string, string | string[] | undefined>>): boolean =>
  String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/** Decodes form-encoded Query requests whose `Version` belongs to `service`. */
const decoderFor =
  (service: string): ProtocolCodec['decode'] =>
  (headers, body) => {
    if (!isFormEncoded(headers)) {
      return undefined;
    }
    const params = new URLSearchParams(body);
    if (QUERY_SERVICES[params.get('Version') ?? '']?.service !== service) {
      return undefined;
    }
    const operation = params.get('Action');
    if (operation === null) {
      throw new AwsServiceError('MissingAction', 'The request must contain the parameter Action.');
    }
    return { service, operation, input: nest(params) };
  };

const send = (response: ServerResponse, status: number, xml: string): void => {
  response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-requestid': randomUUID() });
  response.end(xml);
};

/** AWS Query wire codes drop the `Exception` suffix (`ThrottlingException` is `Throttling`, `ListenerNotFoundException` is `ListenerNotFound`). */
const queryCode = (code: string): string => code.replace(/Exception$/, '');

/**
 * Makes a Query codec for one service: form-encoded `Action=...&Version=...` requests, XML results wrapped in
 * `<OpResponse><OpResult>`, XML `<ErrorResponse>` errors.
 */
const queryCodec = (service: string): ProtocolCodec => {
  const namespace = namespaceOf(service);
  return {
    dialect: 'query',
    recognises: isFormEncoded,
    decode: decoderFor(service),
    writeResult: (response, operation, output) => {
      const result = toXml(`${operation}Result`, output);
      send(
        response,
        200,
        `<${operation}Response xmlns="${namespace}">${result}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${operation}Response>`,
      );
    },
    writeError: (response, error) => {
      const type = error.httpStatus >= 500 ? 'Receiver' : 'Sender';
      send(
        response,
        error.httpStatus,
        `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(queryCode(error.code))}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    },
  };
};

export { queryCodec };
