import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsServiceError } from '../errors.js';

/** An access key the simulator accepts, with the secret it verifies signatures against. */
interface SimulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The wire dialect the error is answered in: JSON 1.1 and Query services name the same failures differently. */
type Dialect = 'json' | 'query';

interface SignedRequest {
  readonly method: string;
  /** The request target as received: path and query string. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What a verified signature was scoped to. */
interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const FAILURE = { Missing: 'missing', UnknownKey: 'unknown-key', Invalid: 'invalid' } as const;
type FAILURE = (typeof FAILURE)[keyof typeof FAILURE];

// The code and HTTP status each dialect answers (AWS's common errors; Query services name them their own way).
const CODES: Readonly<Record<Dialect, Readonly<Record<FAILURE, readonly [string, number]>>>> = {
  json: {
    missing: ['MissingAuthenticationTokenException', 400],
    'unknown-key': ['UnrecognizedClientException', 403],
    invalid: ['InvalidSignatureException', 400],
  },
  query: { missing: ['MissingAuthenticationToken', 403], 'unknown-key': ['InvalidClientTokenId', 403], invalid: ['SignatureDoesNotMatch', 403] },
};

const authError = (dialect: Dialect, failure: FAILURE, message: string): AwsServiceError => {
  const [code, status] = CODES[dialect][failure];
  return new AwsServiceError(code, message, status);
};

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9\-;]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// SigV4: a request is valid for 15 minutes either side of its X-Amz-Date.
const MAX_SKEW_MS = 15 * 60 * 1000;

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 canonicalises URIs and query strings. */
const escape = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

const canonicalRequest = (request: SignedRequest, signedHeaders: readonly string[]): string | undefined => {
  const [path = '/', query = ''] = request.url.split('?', 2);
  // Services other than S3 have the SDK encode each path segment once more before signing.
  const canonicalPath = path.split('/').map(escape).join('/');
  const canonicalQuery = [...new URLSearchParams(query)]
    .map(([key, value]) => `${escape(key)}=${escape(value)}`)
    .sort()
    .join('&');
  const lines: string[] = [];
  for (const name of signedHeaders) {
    const value = headerValue(request.headers, name);
    if (value === undefined) {
      return undefined;
    }
    lines.push(`${name}:${value.trim().replace(/\s+/g, ' ')}`);
  }
  // Outside S3 the payload hash is always the body's own: a body changed after signing never verifies.
  return [request.method, canonicalPath, canonicalQuery, ...lines, '', signedHeaders.join(';'), sha256(request.body)].join('\n');
};

const amzDateMs = (amzDate: string): number | undefined => {
  const parts = AMZ_DATE.exec(amzDate);
  if (parts === null) {
    return undefined;
  }
  const [, year, month, day, hours, minutes, seconds] = parts.map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hours, minutes, seconds);
};

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Checks a request's AWS Signature Version 4 as AWS does: an Authorization header, a credential scope whose date
 * matches X-Amz-Date, whose region is the simulator's, a date within 15 minutes of now, a known access key, and a
 * signature that matches the canonical request. Returns the scope; throws AwsServiceError in the request's dialect.
 * The scope's service is checked by the caller, once it knows which service the request is for.
 */
const verifySignature = (
  request: SignedRequest,
  options: { readonly dialect: Dialect; readonly region: string; readonly credentials: ReadonlyMap<string, string>; readonly nowMs: number },
): CredentialScope => {
  const { dialect } = options;
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined) {
    throw authError(dialect, FAILURE.Missing, 'Missing Authentication Token');
  }
  const parts = AUTHORIZATION.exec(authorization);
  if (parts === null) {
    throw authError(dialect, FAILURE.Invalid, `Authorization header is not a valid AWS4-HMAC-SHA256 signature: ${authorization.slice(0, 200)}`);
  }
  const [, accessKeyId = '', date = '', region = '', service = '', signedHeaderList = '', signature = ''] = parts;
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const signedAt = amzDateMs(amzDate);
  if (signedAt === undefined) {
    throw authError(dialect, FAILURE.Invalid, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (!amzDate.startsWith(date)) {
    throw authError(dialect, FAILURE.Invalid, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`);
  }
  if (region !== options.region) {
    throw authError(dialect, FAILURE.Invalid, `Credential should be scoped to a valid region, not '${region}'.`);
  }
  if (signedAt < options.nowMs - MAX_SKEW_MS) {
    throw authError(dialect, FAILURE.Invalid, `Signature expired: ${amzDate} is now earlier than the 15 minutes allowed.`);
  }
  if (signedAt > options.nowMs + MAX_SKEW_MS) {
    throw authError(dialect, FAILURE.Invalid, `Signature not yet current: ${amzDate} is still later than the 15 minutes allowed.`);
  }
  const secret = options.credentials.get(accessKeyId);
  if (secret === undefined) {
    throw authError(dialect, FAILURE.UnknownKey, 'The security token included in the request is invalid.');
  }
  const canonical = canonicalRequest(request, signedHeaderList.split(';'));
  if (canonical === undefined) {
    throw authError(dialect, FAILURE.Invalid, MISMATCH);
  }
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  if (!timingSafeEqual(expected, Buffer.from(signature))) {
    throw authError(dialect, FAILURE.Invalid, MISMATCH);
  }
  return { accessKeyId, region, service };
};

/** The scope must name the service the request is for: a client signing for another service fails as on AWS. */
const checkScopeService = (scope: CredentialScope, signingName: string, dialect: Dialect): void => {
  if (scope.service !== signingName) {
    throw authError(dialect, FAILURE.Invalid, `Credential should be scoped to correct service: '${signingName}'.`);
  }
};

export { checkScopeService, verifySignature };
export type { CredentialScope, Dialect, SignedRequest, SimulatorCredentials };
