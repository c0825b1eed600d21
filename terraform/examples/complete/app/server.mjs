// The sample service greenlight deploys: dependency-free so the image stays small and the demo needs no install.
import { createServer } from 'node:http';

const port = Number.parseInt(process.env.PORT ?? '8080', 10);
const version = process.env.APP_VERSION ?? 'dev';

const send = (response, status, contentType, body) => {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
};

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    send(response, 405, 'application/json', JSON.stringify({ error: 'method not allowed' }));
    return;
  }
  switch (url.pathname) {
    case '/health':
      send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      return;
    case '/version':
      send(response, 200, 'application/json', JSON.stringify({ version }));
      return;
    case '/':
      send(
        response,
        200,
        'text/html; charset=utf-8',
        `<!doctype html><title>greenlight sample</title><h1>greenlight sample app</h1><p>version ${version}</p>\n`,
      );
      return;
    default:
      send(response, 404, 'application/json', JSON.stringify({ error: 'not found' }));
  }
});

// The ALB keeps connections open longer than Node's 5 s default would allow: a server closing first races the
// load balancer reusing the socket and surfaces as 502s during deployments.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

const shutdown = (signal) => {
  console.log(JSON.stringify({ msg: 'draining', signal, version }));
  // ECS sends SIGTERM once the target is deregistered: finish in-flight requests, close idle keep-alive
  // sockets now and busy ones as their responses complete, then exit before the stop timeout's SIGKILL.
  server.close(() => {
    console.log(JSON.stringify({ msg: 'stopped', version }));
    process.exit(0);
  });
  server.closeIdleConnections();
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

server.listen(port, () => {
  const address = server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  console.log(JSON.stringify({ msg: 'listening', port: boundPort, version }));
});
