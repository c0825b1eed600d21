import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Simulator } from '../../src/index.js';

/** What the signer hands a checksum as its secret (the SDK's SourceData). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** node:crypto behind the Checksum interface @smithy/signature-v4 expects (HMAC when given a secret). */
class NodeSha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: Uint8Array): void {
    this.#hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

interface SigningOptions {
  /** The credential scope's service. */
  readonly signingName: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Default now. */
  readonly signingDate?: Date;
  /** Sent instead of the body that was signed. */
  readonly sendBody?: string;
}

/**
 * A raw HTTP request to the simulator, signed by the SDK's own SigV4 signer (@smithy/signature-v4), for tests that
 * send what an SDK client would never send (malformed bodies, unknown targets, a wrong scope).
 */
const signedFetch = async (
  sim: Simulator,
  request: { readonly headers: Readonly<Record<string, string>>; readonly body: string },
  options: SigningOptions,
): Promise<Response> => {
  const url = new URL(sim.endpoint);
  const signer = new SignatureV4({
    service: options.signingName,
    region: options.region ?? sim.region,
    credentials: options.credentials ?? { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { ...request.headers, host: url.host },
      body: request.body,
    },
    options.signingDate === undefined ? {} : { signingDate: options.signingDate },
  );
  // fetch sets Host itself (it may not be passed): the value it sends is the one that was signed.
  const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host'));
  return fetch(sim.endpoint, { method: 'POST', headers, body: options.sendBody ?? request.body });
};

export { signedFetch };
