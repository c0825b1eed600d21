import { describe, expect, it } from '@jest/globals';
import { HttpResponseParseError } from '../../src/errors.js';
import { HTTP_RESPONSE_LIMITS, HttpResponseParser } from '../../src/http-response-parser.js';

const feed = (parser: HttpResponseParser, ...parts: string[]) => {
  let result;
  for (const part of parts) {
    result = parser.push(Buffer.from(part, 'latin1'));
  }
  return result;
};

const CHUNKED_HEAD = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
const { bodyBytes, lineBytes, sectionBytes } = HTTP_RESPONSE_LIMITS;

/** Feeds `bytes` in packets of `size` bytes; returns the result and the most the parser buffered between packets. */
const feedInPackets = (parser: HttpResponseParser, bytes: Buffer, size: number) => {
  let result;
  let mostBuffered = 0;
  for (let offset = 0; offset < bytes.length; offset += size) {
    result = parser.push(bytes.subarray(offset, offset + size));
    mostBuffered = Math.max(mostBuffered, parser.bufferedBytes);
  }
  return { result, mostBuffered };
};

/** A chunked response whose body is `body` (Latin-1 text) sent as one-byte chunks. */
const oneByteChunks = (body: string): Buffer =>
  Buffer.from(`${CHUNKED_HEAD}${body.replace(/[^]/g, '1\r\n$&\r\n')}0\r\n\r\n`, 'latin1');

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
    ['a chunk size that is not hexadecimal', [`${CHUNKED_HEAD}zz\r\n`], /malformed chunked encoding: chunk size "zz" is not/],
    ['a chunk size with a 0x prefix', [`${CHUNKED_HEAD}0x5\r\nhello\r\n0\r\n\r\n`], /chunk size "0x5" is not a hexadecimal/],
    ['a chunk size with a sign', [`${CHUNKED_HEAD}-1\r\n`], /chunk size "-1" is not a hexadecimal/],
    ['a chunk size after whitespace', [`${CHUNKED_HEAD} 5\r\nhello\r\n0\r\n\r\n`], /chunk size " 5" is not a hexadecimal/],
    ['an empty chunk-size line', [`${CHUNKED_HEAD}\r\n`], /chunk size "" is not a hexadecimal/],
    ['chunk data longer than its size', [`${CHUNKED_HEAD}5\r\nhello!\r\n0\r\n\r\n`], /chunk data not followed by CRLF/],
    ['chunk data followed by a bare LF', [`${CHUNKED_HEAD}5\r\nhello\n0\r\n\r\n`], /chunk data not followed by CRLF/],
    ['a bad length', ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'], /malformed Content-Length/],
  ])('rejects %s', (_case, parts, message) => {
    // Prepare
    const newParser = () => new HttpResponseParser({ readBody: false, method: 'GET' });

    // Act
    const act = () => feed(newParser(), ...parts);

    // Assess
    expect(act).toThrow(HttpResponseParseError);
    expect(act).toThrow(message);
  });

  it('reads a line whose CR and LF arrive in different packets', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const result = feed(parser, 'HTTP/1.1 200 OK\r', '\nContent-Length: 2\r', '\n', '\r', '\nok');

    // Assess
    expect(result).toEqual({ status: 200, body: 'ok', keepAlive: true });
  });

  it(`accepts a header line of exactly ${lineBytes} bytes split across packets`, () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });
    const header = `x-long: ${'v'.repeat(lineBytes - 8)}\r\n`;

    // Act
    const result = feed(parser, 'HTTP/1.1 200 OK\r\n', header.slice(0, 3_000), header.slice(3_000), 'Content-Length: 2\r\n\r\nok');

    // Assess
    expect(result).toEqual({ status: 200, body: 'ok', keepAlive: true });
  });

  it.each([
    ['status line', 'HTTP/1.1 200 ', ''],
    ['header line', 'HTTP/1.1 200 OK\r\nx-endless: ', ''],
    ['chunk-size line', CHUNKED_HEAD, ''],
    ['trailer line', `${CHUNKED_HEAD}0\r\nx-endless: `, ''],
  ])(`refuses a %s that goes on past ${lineBytes} bytes, holding no more than the line`, (what, start) => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });
    parser.push(Buffer.from(start, 'latin1'));
    const endless = Buffer.alloc(1_024, 'f');
    let mostBuffered = 0;

    // Act
    const act = () => {
      for (let packet = 0; packet < 1_024; packet += 1) {
        parser.push(endless);
        mostBuffered = Math.max(mostBuffered, parser.bufferedBytes);
      }
    };

    // Assess
    expect(act).toThrow(new HttpResponseParseError(`the response's ${what} exceeds ${lineBytes} bytes`));
    expect(mostBuffered).toBeLessThanOrEqual(lineBytes + 2);
  });

  it('refuses a line past the limit that arrives in one packet, without reading the rest', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'GET' });

    // Act
    const act = () => parser.push(Buffer.from(`${CHUNKED_HEAD}${'f'.repeat(1_048_576)}\r\n`, 'latin1'));

    // Assess
    expect(act).toThrow(`the response's chunk-size line exceeds ${lineBytes} bytes`);
  });

  it(`refuses headers that add up to more than ${sectionBytes} bytes`, () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'GET' });
    const line = `x-big: ${'v'.repeat(lineBytes - 7)}\r\n`;

    // Act
    const act = () => feed(parser, 'HTTP/1.1 200 OK\r\n', ...Array.from({ length: 9 }, () => line));

    // Assess
    expect(act).toThrow(`the response's headers exceed ${sectionBytes} bytes`);
  });

  it('keeps a body sent as one-byte chunks in one buffer, at most its first mebibyte', () => {
    // Prepare
    const body = `${'a'.repeat(bodyBytes - 7)}the end${'b'.repeat(4_096)}`;
    const parser = new HttpResponseParser({ readBody: true, method: 'GET' });

    // Act
    const { result, mostBuffered } = feedInPackets(parser, oneByteChunks(body), 1_000);

    // Assess
    expect(result?.body).toHaveLength(bodyBytes);
    expect(result?.body?.endsWith('the end')).toBe(true);
    expect(mostBuffered).toBeLessThanOrEqual(bodyBytes + lineBytes + 2);
  });

  it('holds nothing of a body it was not asked to read, however it is chunked', () => {
    // Prepare
    const parser = new HttpResponseParser({ readBody: false, method: 'GET' });

    // Act
    const { result, mostBuffered } = feedInPackets(parser, oneByteChunks('a'.repeat(65_536)), 7);

    // Assess
    expect(result).toEqual({ status: 200, body: undefined, keepAlive: true });
    expect(mostBuffered).toBeLessThanOrEqual(lineBytes + 2);
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
