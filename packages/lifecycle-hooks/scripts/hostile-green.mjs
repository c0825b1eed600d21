// A green that attacks the hook's HTTP client, for the Lambda tests and `npm run bench`. Prints its port, then
// answers each request (keep-alive) by its path:
//   /health             200 "ok"
//   /one-mebibyte       a 1 MiB JSON document ({"status":"degraded",…}) in one Content-Length body: the baseline
//   /one-byte-chunks    the same document as 1,048,576 one-byte chunks: valid chunked encoding, six times the bytes
//   /endless-chunk-size a chunked answer whose first chunk-size line never ends (hex digits until the client leaves)
//   /redos              {"version": "1111…(34 digits)x"}: makes `"version":\s*"(\d+\.?)+"` backtrack for hours
// Runs in its own process so that its buffers never count in the memory of the process under test; stops on SIGTERM.
import net from 'node:net';

const MIB = 1_048_576;
// Each endless answer stops by itself after this much, should the client never give up.
const ENDLESS_CAP_BYTES = 512 * MIB;

const mebibyteDocument = () => {
  const head = '{"status":"degraded","padding":"';
  const tail = '"}';
  return Buffer.from(`${head}${'x'.repeat(MIB - head.length - tail.length)}${tail}`, 'latin1');
};

const DOCUMENT = mebibyteDocument();

const contentLengthAnswer = (body, contentType) =>
  Buffer.concat([
    Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\ncontent-length: ${body.length}\r\n\r\n`, 'latin1'),
    body,
  ]);

const oneByteChunksAnswer = () => {
  const head = Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n', 'latin1');
  const chunks = Buffer.alloc(DOCUMENT.length * 6);
  DOCUMENT.forEach((byte, index) => {
    const at = index * 6;
    chunks.write('1\r\n', at, 'latin1');
    chunks[at + 3] = byte;
    chunks.write('\r\n', at + 4, 'latin1');
  });
  return Buffer.concat([head, chunks, Buffer.from('0\r\n\r\n', 'latin1')]);
};

const ANSWERS = {
  '/health': contentLengthAnswer(Buffer.from('ok'), 'text/plain'),
  '/one-mebibyte': contentLengthAnswer(DOCUMENT, 'application/json'),
  '/one-byte-chunks': oneByteChunksAnswer(),
  '/redos': contentLengthAnswer(Buffer.from(`{"version": "${'1'.repeat(34)}x"}`), 'application/json'),
};

const NOT_FOUND = contentLengthAnswer(Buffer.from('not found'), 'text/plain');

const sendEndlessChunkSize = (socket) => {
  const digits = Buffer.alloc(65_536, 'f');
  let sent = 0;
  const pump = () => {
    while (!socket.destroyed && sent < ENDLESS_CAP_BYTES) {
      sent += digits.length;
      if (!socket.write(digits)) {
        socket.once('drain', pump);
        return;
      }
    }
    socket.destroy();
  };
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n', 'latin1');
  pump();
};

const server = net.createServer((socket) => {
  let pending = '';
  socket.on('error', () => socket.destroy());
  socket.on('data', (data) => {
    pending += data.toString('latin1');
    for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
      const [, path = ''] = /^\S+ (\S+)/.exec(pending) ?? [];
      pending = pending.slice(end + 4);
      if (path === '/endless-chunk-size') {
        sendEndlessChunkSize(socket);
        return;
      }
      socket.write(ANSWERS[path] ?? NOT_FOUND);
    }
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});
