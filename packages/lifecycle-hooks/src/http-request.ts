import net from 'node:net';
import type tls from 'node:tls';
import { HttpResponseParser } from './http-response-parser.js';

interface TlsOptions {
  /** Extra PEM certificate authorities trusted besides the system ones (e.g. a private CA). */
  readonly ca?: string | undefined;
  /** Host name sent as SNI and Host, and verified against the certificate, when it differs from the URL's host. */
  readonly serverName?: string | undefined;
}

interface HttpRequestSpec {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly readBody: boolean;
  readonly signal?: AbortSignal;
}

type HttpOutcome =
  | { readonly ok: true; readonly status: number; readonly body: string | undefined; readonly latencyMs: number }
  | { readonly ok: false; readonly error: string; readonly latencyMs: number };

interface HttpRequester {
  send(spec: HttpRequestSpec): Promise<HttpOutcome>;
  /** Closes the pooled keep-alive connections. */
  close(): void;
}

type Socket = net.Socket | tls.TLSSocket;

interface ExchangeResult {
  readonly outcome: HttpOutcome;
  /** The connection is still usable for another request. */
  readonly reusable: boolean;
  /** It failed before any byte of an answer: a pooled connection the server had already closed. */
  readonly stale: boolean;
}

interface PendingExchange {
  readonly parser: HttpResponseParser;
  readonly started: number;
  readonly timer: NodeJS.Timeout;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (result: ExchangeResult) => void;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;
// Methods safe to send again when a pooled connection turns out to have been closed by the server.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

const describeError = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? message : `${code}: ${message}`;
};

const serializeRequest = (spec: HttpRequestSpec, hostHeader: string): Buffer => {
  const lines = [`${spec.method} ${spec.url.pathname}${spec.url.search} HTTP/1.1`];
  const names = new Set(Object.keys(spec.headers).map((name) => name.toLowerCase()));
  if (!names.has('host')) {
    // The host may come from tls.serverName: checked like any header value, so it cannot start another header.
    if (!HEADER_VALUE.test(hostHeader)) {
      throw new Error(`invalid host ${JSON.stringify(hostHeader)}: a host name holds no line breaks`);
    }
    lines.push(`host: ${hostHeader}`);
  }
  for (const [name, value] of Object.entries(spec.headers)) {
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) {
      throw new Error(`invalid header ${JSON.stringify(name)}: names are tokens, values hold no line breaks`);
    }
    lines.push(`${name}: ${value}`);
  }
  if (spec.body !== undefined) {
    lines.push(`content-length: ${Buffer.byteLength(spec.body)}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${spec.body ?? ''}`, 'utf8');
};

/**
 * One keep-alive connection carrying one request at a time. Its socket listeners are attached once and feed
 * whichever exchange is current: per-request listener churn was a large part of the client's cost.
 */
class Connection {
  readonly socket: Socket;
  #pending: PendingExchange | undefined;
  readonly #onAbort = (): void => this.#fail(new Error('aborted: the time budget ran out'));

  constructor(socket: Socket, onClose: () => void) {
    this.socket = socket;
    socket.on('data', (data: Buffer) => this.#onData(data));
    socket.on('end', () => this.#onEnd());
    // An idle connection's late error must not crash the process; a current exchange fails with it.
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => {
      this.#fail(new Error('the connection closed before the response was complete'));
      onClose();
    });
  }

  exchange(spec: HttpRequestSpec, request: Buffer, started: number): Promise<ExchangeResult> {
    return new Promise((resolve) => {
      this.#pending = {
        parser: new HttpResponseParser({ readBody: spec.readBody, method: spec.method }),
        started,
        timer: setTimeout(() => this.#fail(new Error(`no complete response within ${spec.timeoutMs} ms`)), spec.timeoutMs),
        signal: spec.signal,
        resolve,
      };
      spec.signal?.addEventListener('abort', this.#onAbort, { once: true });
      this.socket.write(request);
    });
  }

  #finish(outcome: (latencyMs: number) => HttpOutcome, reusable: boolean, stale: boolean): void {
    const pending = this.#pending;
    if (pending === undefined) {
      return;
    }
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.signal?.removeEventListener('abort', this.#onAbort);
    if (!reusable) {
      this.socket.destroy();
    }
    pending.resolve({ outcome: outcome(performance.now() - pending.started), reusable, stale });
  }

  #fail(error: unknown): void {
    const stale = this.#pending?.parser.started === false;
    this.#finish((latencyMs) => ({ ok: false, error: describeError(error), latencyMs }), false, stale);
  }

  #onData(data: Buffer): void {
    const parser = this.#pending?.parser;
    if (parser === undefined) {
      // Bytes nobody asked for: the connection cannot be trusted for another request.
      this.socket.destroy();
      return;
    }
    try {
      const response = parser.push(data);
      if (response !== undefined) {
        const { status, body, keepAlive } = response;
        this.#finish((latencyMs) => ({ ok: true, status, body, latencyMs }), keepAlive, false);
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  #onEnd(): void {
    const parser = this.#pending?.parser;
    if (parser === undefined) {
      return;
    }
    try {
      const { status, body } = parser.end();
      this.#finish((latencyMs) => ({ ok: true, status, body, latencyMs }), false, false);
    } catch (error) {
      this.#fail(error);
    }
  }
}

/**
 * A lean HTTP/1.1 client: keep-alive connections over node:net / node:tls, one request at a time per connection,
 * a connection per concurrent request, reused afterwards. node:http's client reached under half of autocannon's
 * throughput on the load probe (see the README's figures). TLS certificates are always verified; `tls.ca` adds
 * trust, never removes it.
 */
const createHttpRequester = (options: { readonly tls?: TlsOptions } = {}): HttpRequester => {
  const idle = new Map<string, Connection[]>();
  const open = new Set<Connection>();
  const serializedRequests = new WeakMap<HttpRequestSpec, Buffer>();
  const serverName = options.tls?.serverName;
  // node:tls (and crypto) take a good part of a cold start: loaded only when a target speaks HTTPS.
  let tlsModule: Promise<typeof tls> | undefined;

  const connect = async (url: URL): Promise<Socket> => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const isHttps = url.protocol === 'https:';
    const port = Number(url.port || (isHttps ? 443 : 80));
    if (!isHttps) {
      return net.connect({ host, port, noDelay: true });
    }
    const tlsApi = await (tlsModule ??= import('node:tls').then((module) => module.default));
    const sni = serverName ?? (net.isIP(host) === 0 ? host : undefined);
    return tlsApi
      .connect({
        host,
        port,
        ALPNProtocols: ['http/1.1'],
        ...(sni === undefined ? {} : { servername: sni }),
        ...(options.tls?.ca === undefined ? {} : { ca: [...tlsApi.rootCertificates, options.tls.ca] }),
      })
      .setNoDelay(true);
  };

  const openConnection = async (url: URL, key: string): Promise<Connection> => {
    const connection: Connection = new Connection(await connect(url), () => {
      open.delete(connection);
      idle.set(key, (idle.get(key) ?? []).filter((candidate) => candidate !== connection));
    });
    open.add(connection);
    return connection;
  };

  const release = (key: string, connection: Connection): void => {
    const connections = idle.get(key);
    if (connections === undefined) {
      idle.set(key, [connection]);
    } else {
      connections.push(connection);
    }
  };

  // Callers send the same spec object many times (a load probe): its bytes are serialized once.
  const requestBytes = (spec: HttpRequestSpec): Buffer => {
    let bytes = serializedRequests.get(spec);
    if (bytes === undefined) {
      bytes = serializeRequest(spec, serverName ?? spec.url.host);
      serializedRequests.set(spec, bytes);
    }
    return bytes;
  };

  const send = async (spec: HttpRequestSpec): Promise<HttpOutcome> => {
    const started = performance.now();
    if (isAborted(spec.signal)) {
      return { ok: false, error: 'aborted: the time budget ran out', latencyMs: 0 };
    }
    const key = `${spec.url.protocol}//${spec.url.host}`;
    let request: Buffer;
    try {
      request = requestBytes(spec);
    } catch (error) {
      return { ok: false, error: describeError(error), latencyMs: 0 };
    }
    for (let attempt = 1; ; attempt += 1) {
      const pooled = idle.get(key)?.pop();
      let connection: Connection;
      try {
        connection = pooled ?? (await openConnection(spec.url, key));
      } catch (error) {
        return { ok: false, error: describeError(error), latencyMs: performance.now() - started };
      }
      const { outcome, reusable, stale } = await connection.exchange(spec, request, started);
      if (reusable) {
        release(key, connection);
      }
      // A pooled connection the server had already closed fails before any answer: one retry on a fresh one.
      if (pooled !== undefined && stale && attempt === 1 && IDEMPOTENT.has(spec.method) && !isAborted(spec.signal)) {
        continue;
      }
      return outcome;
    }
  };

  return {
    send,
    close: () => {
      for (const connection of open) {
        connection.socket.destroy();
      }
      open.clear();
      idle.clear();
    },
  };
};

export { createHttpRequester };
export type { HttpOutcome, HttpRequester, HttpRequestSpec, TlsOptions };
