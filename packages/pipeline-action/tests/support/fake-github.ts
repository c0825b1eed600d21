import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

interface FakeGitHub {
  readonly apiUrl: string;
  readonly requests: RecordedRequest[];
  /** Answers every request with this status instead (e.g. 403 for a token without deployments: write). */
  failWith(status: number | undefined): void;
  stop(): Promise<void>;
}

/** Plays the two GitHub REST endpoints the deployments feature uses: create a deployment, add a status. */
const startFakeGitHub = async (): Promise<FakeGitHub> => {
  const requests: RecordedRequest[] = [];
  let failure: number | undefined;
  let nextId = 1;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        authorization: request.headers.authorization,
        body: raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>),
      });
      response.setHeader('content-type', 'application/json');
      if (failure !== undefined) {
        response.statusCode = failure;
        response.end(JSON.stringify({ message: 'Resource not accessible by integration' }));
        return;
      }
      response.statusCode = 201;
      response.end(JSON.stringify({ id: nextId++, url: `${request.url}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    requests,
    failWith: (status) => {
      failure = status;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export { startFakeGitHub };
export type { FakeGitHub, RecordedRequest };
