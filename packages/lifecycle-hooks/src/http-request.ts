import http from 'node:http';
import type https from 'node:https';

interface TlsOptions {
  /** Extra PEM certificate authorities trusted besides the system ones (e.g. a private CA). */
  readonly ca?: string | undefined;
  /** Host name sent as SNI and verified against the certificate, when it differs from the URL's host. */
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
  /** Closes the pooled keep-alive sockets. */
  close(): void;
}

// Enough for any health or status document; a larger body is judged on its first megabyte.
const MAX_BODY_BYTES = 1_048_576;

const describeRequestError = (error: unknown): string => {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? message : `${code}: ${message}`;
};

/**
 * Sends requests over one keep-alive pool per protocol (sized to the wanted concurrency), timing each from the
 * request start to the last body byte. TLS certificates are always verified; `tls.ca` adds trust, never removes it.
 */
const createHttpRequester = (options: { readonly maxSockets: number; readonly tls?: TlsOptions }): HttpRequester => {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, scheduling: 'fifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  // node:https (and TLS, crypto) take a good part of a cold start: loaded only when a target speaks HTTPS.
  let secure: Promise<{ module: typeof https; agent: https.Agent }> | undefined;
  const loadSecure = () =>
    (secure ??= Promise.all([import('node:https'), import('node:tls')]).then(([module, tls]) => ({
      module: module.default,
      agent: new module.default.Agent({
        ...agentOptions,
        ...(options.tls?.ca === undefined ? {} : { ca: [...tls.rootCertificates, options.tls.ca] }),
      }),
    })));
  const serverName = options.tls?.serverName;

  const send = async (spec: HttpRequestSpec): Promise<HttpOutcome> => {
    const isHttps = spec.url.protocol === 'https:';
    const transport = isHttps ? await loadSecure() : { module: http, agent: httpAgent };
    return new Promise((resolve) => {
      const started = performance.now();
      const elapsed = (): number => performance.now() - started;
      const headers: Record<string, string> = { ...spec.headers };
      if (serverName !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'host')) {
        headers['host'] = serverName;
      }
      if (spec.body !== undefined) {
        headers['content-length'] = String(Buffer.byteLength(spec.body));
      }
      let settled = false;
      const settle = (outcome: HttpOutcome): void => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(outcome);
        }
      };
      const request = transport.module.request(spec.url, {
        method: spec.method,
        headers,
        agent: transport.agent,
        ...(isHttps && serverName !== undefined ? { servername: serverName } : {}),
        ...(spec.signal === undefined ? {} : { signal: spec.signal }),
      });
      const timer = setTimeout(() => {
        request.destroy(new Error(`no complete response within ${spec.timeoutMs} ms`));
      }, spec.timeoutMs);
      request.on('error', (error) => settle({ ok: false, error: describeRequestError(error), latencyMs: elapsed() }));
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        response.on('error', (error) => settle({ ok: false, error: describeRequestError(error), latencyMs: elapsed() }));
        if (!spec.readBody) {
          response.on('end', () => settle({ ok: true, status, body: undefined, latencyMs: elapsed() }));
          response.resume();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) {
            chunks.push(chunk);
            size += chunk.length;
          }
        });
        response.on('end', () =>
          settle({
            ok: true,
            status,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
            latencyMs: elapsed(),
          }),
        );
      });
      request.end(spec.body);
    });
  };

  return {
    send,
    close: () => {
      httpAgent.destroy();
      void secure?.then(({ agent }) => agent.destroy());
    },
  };
};

export { createHttpRequester };
export type { HttpOutcome, HttpRequester, HttpRequestSpec, TlsOptions };
