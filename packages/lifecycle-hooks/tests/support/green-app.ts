import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface GreenResponse {
  readonly status?: number;
  readonly body?: string;
  readonly delayMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** How green answers; `index` counts the requests since this behaviour was set, from 0. */
type GreenBehaviour = (request: http.IncomingMessage, index: number) => GreenResponse;

interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A local HTTP app playing the green task set behind the test listener, with switchable behaviour. */
interface GreenApp {
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  behave(behaviour: GreenBehaviour): void;
  /** Stops listening (green down); `start` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

const listen = (server: http.Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const startGreenApp = async (initial: GreenBehaviour = () => ({ status: 200, body: 'ok' })): Promise<GreenApp> => {
  let behaviour = initial;
  let index = 0;
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const answer = behaviour(request, index++);
      const send = (): void => {
        response.writeHead(answer.status ?? 200, { 'content-type': 'text/plain', ...answer.headers });
        response.end(answer.body ?? '');
      };
      if (answer.delayMs === undefined) {
        send();
      } else {
        setTimeout(send, answer.delayMs);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, 0);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    behave: (next) => {
      behaviour = next;
      index = 0;
    },
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    start: async () => {
      await listen(server, port);
    },
  };
};

/** A URL on which nothing listens: a port taken from the OS and released at once. */
const unusedUrl = async (): Promise<string> => {
  const server = http.createServer();
  const port = await listen(server, 0);
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
};

export { startGreenApp, unusedUrl };
export type { GreenApp, GreenBehaviour, GreenResponse, ReceivedRequest };
