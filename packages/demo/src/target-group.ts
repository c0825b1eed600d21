import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

// Hop-by-hop headers describe one connection, not the request: a proxy must not pass them on (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const endToEndHeaders = (headers: IncomingMessage['headers']): Record<string, string | string[]> => {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  }
  return kept;
};

interface TargetGroupStats {
  readonly forwarded: number;
  readonly failed: number;
  readonly inFlight: number;
}

/**
 * One target group with at most one registered target (the task set's single task in the demo). It keeps
 * its own keep-alive pool to the target and counts in-flight requests, so deregistration can drain: wait
 * until the last routed request has completed, then close the pool before the target is stopped.
 */
class TargetGroup {
  readonly name: string;
  #port: number | undefined;
  #agent = new Agent({ keepAlive: true, maxSockets: 128 });
  #inFlight = 0;
  #forwarded = 0;
  #failed = 0;
  #drainWaiters: (() => void)[] = [];

  constructor(name: string) {
    this.name = name;
  }

  get stats(): TargetGroupStats {
    return { forwarded: this.#forwarded, failed: this.#failed, inFlight: this.#inFlight };
  }

  register(port: number): void {
    this.#port = port;
  }

  /**
   * Stops routing new requests to the target and resolves once every request already routed has completed
   * (the ALB's deregistration delay, without its fixed wait). Only then is it safe to stop the target.
   */
  async deregister(): Promise<void> {
    this.#port = undefined;
    if (this.#inFlight > 0) await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    // Closing our idle pooled sockets first means the app's own shutdown never races a request on them.
    this.#agent.destroy();
    this.#agent = new Agent({ keepAlive: true, maxSockets: 128 });
  }

  /** Forwards one request; answers 503 with no registered target and 502 when the target fails, as an ALB does. */
  forward(request: IncomingMessage, response: ServerResponse, forwardedPort: number): void {
    const port = this.#port;
    if (port === undefined) {
      this.#fail(response, 503, 'no registered target');
      return;
    }
    this.#inFlight++;
    this.#forwarded++;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.#inFlight--;
      if (this.#inFlight === 0) for (const resolve of this.#drainWaiters.splice(0)) resolve();
    };
    response.once('close', settle);
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.url,
        agent: this.#agent,
        headers: {
          ...endToEndHeaders(request.headers),
          'x-forwarded-for': request.socket.remoteAddress ?? '127.0.0.1',
          'x-forwarded-port': String(forwardedPort),
          'x-forwarded-proto': 'http',
        },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
        answer.pipe(response);
        answer.once('error', () => response.destroy());
      },
    );
    upstream.once('error', () => {
      if (!response.headersSent) {
        this.#fail(response, 502, 'target failed');
        return;
      }
      this.#failed++;
      response.destroy();
    });
    request.pipe(upstream);
    // A client that goes away must not leave the upstream request (and our in-flight count) hanging.
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  #fail(response: ServerResponse, status: number, reason: string): void {
    this.#failed++;
    const body = JSON.stringify({ error: reason, targetGroup: this.name });
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  }
}

export { TargetGroup };
export type { TargetGroupStats };
