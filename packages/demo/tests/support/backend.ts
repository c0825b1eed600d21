import { createServer, request as httpRequest, type Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Backend {
  readonly port: number;
  /** Requests this backend has answered. */
  readonly answered: () => number;
  readonly close: () => Promise<void>;
}

/**
 * A stand-in target answering `{"version": name}`; `?delay=ms` holds the answer back so a test can keep
 * requests in flight across a weight change or a deregistration.
 */
const startBackend = async (name: string): Promise<Backend> => {
  let answered = 0;
  const server: Server = createServer((request, response) => {
    const delay = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('delay') ?? '0');
    setTimeout(() => {
      answered++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ version: name }));
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    answered: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

interface Answer {
  readonly status: number;
  readonly body: string;
}

const get = (url: string, agent?: Agent): Promise<Answer> =>
  new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(url, agent === undefined ? {} : { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.once('error', reject);
    request.end();
  });

const versionOf = (answer: Answer): string => (JSON.parse(answer.body) as { version: string }).version;

export { get, startBackend, versionOf };
export type { Answer, Backend };
