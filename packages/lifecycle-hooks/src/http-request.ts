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

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[^\r\n\0]*$/;
// Methods safe to send again when a pooled connection turns out to have been closed by the server.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

const describeError = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? message : `${code}: ${message}`;
};

const serializeRequest = (spec: HttpRequestSpec, hostHeader: string): string => {
  const lines = [`${spec.method} ${spec.url.pathname}${spec.url.search} HTTP/1.1`];
  const names = new Set(Object.keys(spec.headers).map((name) => name.toLowerCase()));
  if (!names.has('host')) {
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
  return `${lines.join('\r\n')}\r\n\r\n${spec.body ?? ''}`;
};

/**
 * A lean HTTP/1.1 client: keep-alive connections over node:net / node:tls, one request at a time per connection,
 * a connection per concurrent request, reused afterwards. node:http's client reached under half of autocannon's
 * throughput on the load probe; this one clears the 0.8× target (see the README's figures). TLS certificates are
 * always verified; `tls.ca` adds trust, never removes it.
 */
const createHttpRequester = (options: { readonly tls?: TlsOptions } = {}): HttpRequester => {
  const idle = new Map<string, Socket[]>();
  const open = new Set<Socket>();
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

  /** Keeps an idle connection's late error from crashing the process, and forgets it once it closes. */
  const track = (socket: Socket, key: string): Socket => {
    open.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      open.delete(socket);
      idle.set(key, (idle.get(key) ?? []).filter((candidate) => candidate !== socket));
    });
    return socket;
  };

  const exchange = (socket: Socket, spec: HttpRequestSpec, request: string, started: number) =>
    new Promise<{ outcome: HttpOutcome; reusable: boolean; stale: boolean }>((resolve) => {
      const parser = new HttpResponseParser({ readBody: spec.readBody, method: spec.method });
      const elapsed = (): number => performance.now() - started;
      const finish = (outcome: HttpOutcome, reusable: boolean, stale = false): void => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('end', onEnd);
        socket.off('error', onError);
        socket.off('close', onClose);
        spec.signal?.removeEventListener('abort', onAbort);
        if (!reusable) {
          socket.destroy();
        }
        resolve({ outcome, reusable, stale });
      };
      const fail = (error: unknown): void =>
        finish({ ok: false, error: describeError(error), latencyMs: elapsed() }, false, !parser.started);
      const onData = (data: Buffer): void => {
        try {
          const response = parser.push(data);
          if (response !== undefined) {
            finish({ ok: true, status: response.status, body: response.body, latencyMs: elapsed() }, response.keepAlive);
          }
        } catch (error) {
          fail(error);
        }
      };
      const onEnd = (): void => {
        try {
          const response = parser.end();
          finish({ ok: true, status: response.status, body: response.body, latencyMs: elapsed() }, false);
        } catch (error) {
          fail(error);
        }
      };
      const onError = (error: Error): void => fail(error);
      const onClose = (): void => fail(new Error('the connection closed before the response was complete'));
      const onAbort = (): void => fail(new Error('aborted: the time budget ran out'));
      const timer = setTimeout(() => fail(new Error(`no complete response within ${spec.timeoutMs} ms`)), spec.timeoutMs);
      socket.on('data', onData);
      socket.on('end', onEnd);
      socket.on('error', onError);
      socket.on('close', onClose);
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      socket.write(request);
    });

  const send = async (spec: HttpRequestSpec): Promise<HttpOutcome> => {
    const started = performance.now();
    if (isAborted(spec.signal)) {
      return { ok: false, error: 'aborted: the time budget ran out', latencyMs: 0 };
    }
    const key = `${spec.url.protocol}//${spec.url.host}`;
    let request: string;
    try {
      request = serializeRequest(spec, serverName ?? spec.url.host);
    } catch (error) {
      return { ok: false, error: describeError(error), latencyMs: 0 };
    }
    for (let attempt = 1; ; attempt += 1) {
      const pooled = idle.get(key)?.pop();
      let socket: Socket;
      try {
        socket = pooled ?? track(await connect(spec.url), key);
      } catch (error) {
        return { ok: false, error: describeError(error), latencyMs: performance.now() - started };
      }
      const { outcome, reusable, stale } = await exchange(socket, spec, request, started);
      if (reusable) {
        idle.set(key, [...(idle.get(key) ?? []), socket]);
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
      for (const socket of open) {
        socket.destroy();
      }
      open.clear();
      idle.clear();
    },
  };
};

export { createHttpRequester };
export type { HttpOutcome, HttpRequester, HttpRequestSpec, TlsOptions };
