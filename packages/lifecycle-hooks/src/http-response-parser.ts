import { BodyBuffer } from './body-buffer.js';
import { HttpResponseParseError } from './errors.js';
import { CR, LF, LineReader } from './line-reader.js';

interface ParsedResponse {
  readonly status: number;
  /** The body (first HTTP_RESPONSE_LIMITS.bodyBytes), or undefined when the caller did not ask for it. */
  readonly body: string | undefined;
  /** Whether the connection may carry another request. */
  readonly keepAlive: boolean;
}

type ParserState =
  | 'status-line'
  | 'header'
  | 'length'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-data-cr'
  | 'chunk-data-lf'
  | 'trailer'
  | 'until-close'
  | 'done';

// What a response may make the hook hold, whatever green sends: memory per request stays under
// lineBytes + bodyBytes (plus the headers, under sectionBytes), so a hostile green cannot exhaust the function.
const HTTP_RESPONSE_LIMITS = {
  // Enough for any health or status document; a larger body is judged on its first mebibyte.
  bodyBytes: 1_048_576,
  // One status, header, chunk-size or trailer line (node:http allows 16 KiB for a whole head by default).
  lineBytes: 8_192,
  // All header lines of one response, and again all trailer lines.
  sectionBytes: 65_536,
} as const;

const LINE_NAMES = {
  'status-line': 'status line',
  header: 'header line',
  'chunk-size': 'chunk-size line',
  trailer: 'trailer line',
} as const;

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})/;
// RFC 9112 section 7.1: chunk-size is 1*HEXDIG; whitespace may precede a chunk extension, which is ignored.
const CHUNK_SIZE_LINE = /^([0-9A-Fa-f]+)[ \t]*(?:;.*)?$/;

/**
 * An incremental HTTP/1.1 response parser for one request: status line, headers, and a body delimited by
 * Content-Length, chunked transfer coding, or the end of the connection. Interim 1xx answers are skipped. It works
 * on each packet where it lies: only a line split across packets is copied (capped), and only the first
 * HTTP_RESPONSE_LIMITS.bodyBytes of the body are kept, in one buffer.
 */
class HttpResponseParser {
  readonly #lines = new LineReader(HTTP_RESPONSE_LIMITS.lineBytes);
  readonly #body = new BodyBuffer(HTTP_RESPONSE_LIMITS.bodyBytes);
  readonly #readBody: boolean;
  readonly #isHead: boolean;
  #state: ParserState = 'status-line';
  #received = false;
  #httpMinor = '1';
  #status = 0;
  #headers = new Map<string, string>();
  #sectionBytes = 0;
  #keepAlive = true;
  #remaining = 0;

  constructor(options: { readonly readBody: boolean; readonly method: string }) {
    this.#readBody = options.readBody;
    this.#isHead = options.method === 'HEAD';
  }

  /** Whether any byte of the response has arrived (a stale keep-alive connection fails before that). */
  get started(): boolean {
    return this.#received;
  }

  /** Bytes of buffers this response holds between packets: a partial line and the kept body, both capped. */
  get bufferedBytes(): number {
    return this.#lines.bufferedBytes + this.#body.bufferedBytes;
  }

  /** Feeds bytes; returns the response once complete. Throws HttpResponseParseError on a malformed answer. */
  push(data: Buffer): ParsedResponse | undefined {
    this.#received ||= data.length > 0;
    let offset = 0;
    while (this.#state !== 'done' && offset < data.length) {
      offset = this.#step(data, offset);
    }
    if (this.#state !== 'done') {
      return undefined;
    }
    // Bytes after the response were never asked for: the connection cannot carry another request.
    return this.#result(this.#keepAlive && offset === data.length);
  }

  /** The connection ended: completes a body delimited by the end of the connection, else the answer was cut. */
  end(): ParsedResponse {
    if (this.#state !== 'until-close') {
      throw new HttpResponseParseError('the connection closed before the response was complete');
    }
    return this.#result(false);
  }

  #result(keepAlive: boolean): ParsedResponse {
    return { status: this.#status, body: this.#readBody ? this.#body.text() : undefined, keepAlive };
  }

  #keep(data: Buffer, start: number, end: number): void {
    if (this.#readBody) {
      this.#body.append(data, start, end);
    }
  }

  /** Consumes bytes of `data` from `offset` in the current state; returns the offset after them. */
  #step(data: Buffer, offset: number): number {
    switch (this.#state) {
      case 'status-line':
      case 'header':
      case 'chunk-size':
      case 'trailer': {
        const read = this.#lines.read(data, offset, LINE_NAMES[this.#state]);
        if (read === undefined) {
          return data.length;
        }
        this.#onLine(this.#state, read.line);
        return read.next;
      }
      case 'length':
      case 'chunk-data': {
        const end = offset + Math.min(this.#remaining, data.length - offset);
        this.#keep(data, offset, end);
        this.#remaining -= end - offset;
        if (this.#remaining === 0) {
          this.#state = this.#state === 'length' ? 'done' : 'chunk-data-cr';
        }
        return end;
      }
      case 'chunk-data-cr':
      case 'chunk-data-lf':
        if (data[offset] !== (this.#state === 'chunk-data-cr' ? CR : LF)) {
          throw new HttpResponseParseError('malformed chunked encoding: chunk data not followed by CRLF');
        }
        this.#state = this.#state === 'chunk-data-cr' ? 'chunk-data-lf' : 'chunk-size';
        return offset + 1;
      case 'until-close':
        this.#keep(data, offset, data.length);
        return data.length;
      case 'done':
        return offset;
    }
  }

  #onLine(state: keyof typeof LINE_NAMES, line: string): void {
    switch (state) {
      case 'status-line':
        this.#onStatusLine(line);
        return;
      case 'header':
        if (line === '') {
          this.#onHeadEnd();
        } else {
          this.#onFieldLine(line, 'headers');
        }
        return;
      case 'chunk-size':
        this.#onChunkSize(line);
        return;
      case 'trailer':
        if (line === '') {
          this.#state = 'done';
        } else {
          this.#onFieldLine(line, 'trailers');
        }
        return;
    }
  }

  #onStatusLine(line: string): void {
    const match = STATUS_LINE.exec(line);
    if (match === null) {
      throw new HttpResponseParseError(`not an HTTP/1.x response: ${JSON.stringify(line.slice(0, 40))}`);
    }
    this.#httpMinor = match[1] ?? '1';
    this.#status = Number(match[2]);
    this.#headers = new Map();
    this.#sectionBytes = 0;
    this.#state = 'header';
  }

  /** Counts a header or trailer line against its section's cap; headers are kept, trailers are not needed. */
  #onFieldLine(line: string, section: 'headers' | 'trailers'): void {
    this.#sectionBytes += line.length + 2;
    if (this.#sectionBytes > HTTP_RESPONSE_LIMITS.sectionBytes) {
      throw new HttpResponseParseError(`the response's ${section} exceed ${HTTP_RESPONSE_LIMITS.sectionBytes} bytes`);
    }
    const colon = line.indexOf(':');
    if (section === 'headers' && colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const earlier = this.#headers.get(name);
      this.#headers.set(name, earlier === undefined ? value : `${earlier}, ${value}`);
    }
  }

  #onHeadEnd(): void {
    const status = this.#status;
    if (status >= 100 && status < 200 && status !== 101) {
      // An interim answer (100 Continue, 103 Early Hints): the real one follows.
      this.#state = 'status-line';
      return;
    }
    const headers = this.#headers;
    const connection = headers.get('connection')?.toLowerCase() ?? '';
    this.#keepAlive = this.#httpMinor === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    if (this.#isHead || status === 204 || status === 304) {
      this.#state = 'done';
    } else if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked') === true) {
      this.#state = 'chunk-size';
    } else if (headers.has('content-length')) {
      const length = Number(headers.get('content-length'));
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new HttpResponseParseError('malformed Content-Length');
      }
      this.#remaining = length;
      this.#state = length === 0 ? 'done' : 'length';
    } else {
      this.#keepAlive = false;
      this.#state = 'until-close';
    }
  }

  #onChunkSize(line: string): void {
    const digits = CHUNK_SIZE_LINE.exec(line)?.[1];
    const size = digits === undefined ? Number.NaN : Number.parseInt(digits, 16);
    if (!Number.isSafeInteger(size)) {
      throw new HttpResponseParseError(
        `malformed chunked encoding: chunk size ${JSON.stringify(line.slice(0, 20))} is not a hexadecimal number`,
      );
    }
    this.#remaining = size;
    if (size === 0) {
      this.#sectionBytes = 0;
      this.#state = 'trailer';
    } else {
      this.#state = 'chunk-data';
    }
  }
}

export { HTTP_RESPONSE_LIMITS, HttpResponseParser };
export type { ParsedResponse };
