import { describe, expect, it } from '@jest/globals';
import { HttpResponseParseError } from '../../src/errors.js';
import { HttpResponseParser } from '../../src/http-response-parser.js';

const feed = (parser: HttpResponseParser, ...parts: string[]) => {
  let result;
  for (const part of parts) {
    result = parser.push(Buffer.from(part, 'latin1'));
  }
  return result;
};

describe('HttpResponseParser', () => {
  it('reads a Content-Length body split across packets', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const result = feed(parser, 'HTTP/1.1 200 OK\r\nContent-Le', 'ngth: 11\r\n\r\nhello', ' world');

    // Assess
    expect(result).toEqual({ status: 200, body: 'hello world', keepAlive: true });
  });

  it('reads a chunked body with extensions and trailers', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const result = feed(parser, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n', '6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n');

    // Assess
    expect(result).toEqual({ status: 200, body: 'hello world', keepAlive: true });
  });

  it('skips an interim 100 Continue and honours Connection: close', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'POST' });

    // Act
    const result = feed(parser, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');

    // Assess
    expect(result).toEqual({ status: 201, body: undefined, keepAlive: false });
  });

  it('expects no body after HEAD or a 204', () => {
    // Prepare
    const head = new HttpResponseParser({ readBody: true, method: 'HEAD' });
    const noContent = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const results = [
      feed(head, 'HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n'),
      feed(noContent, 'HTTP/1.1 204 No Content\r\n\r\n'),
    ];

    // Assess
    expect(results).toEqual([
      { status: 200, body: '', keepAlive: true },
      { status: 204, body: '', keepAlive: true },
    ]);
  });

  it('reads a body delimited by the end of the connection', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const partial = feed(parser, 'HTTP/1.0 200 OK\r\n\r\nuntil ', 'close');
    const result = parser.end();

    // Assess
    expect(partial).toBeUndefined();
    expect(result).toEqual({ status: 200, body: 'until close', keepAlive: false });
  });

  it.each([
    ['a non-HTTP answer', ['SSH-2.0-OpenSSH\r\n\r\n'], /not an HTTP\/1\.x response/],
    ['a bad chunk size', ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'], /malformed chunk size/],
    ['a bad length', ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'], /malformed Content-Length/],
  ])('rejects %s', (_case, parts, message) => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'GET' });

    // Act
    const act = () => feed(parser, ...parts);

    // Assess
    expect(act).toThrow(HttpResponseParseError);
    expect(act).toThrow(message);
  });

  it('tells a response cut short by the connection', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'GET' });
    feed(parser, 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');

    // Act
    const act = () => parser.end();

    // Assess
    expect(act).toThrow('the connection closed before the response was complete');
    expect(parser.started).toBe(true);
  });
});
