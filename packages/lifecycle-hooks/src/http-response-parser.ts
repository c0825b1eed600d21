import { HttpResponseParseError } from './errors.js';

interface ParsedResponse {
  readonly status: number;
  /** The body (first MAX_BODY_BYTES), or undefined when the caller did not ask for it. */
  readonly body: string | undefined;
  /** Whether the connection may carry another request. */
  readonly keepAlive: boolean;
}

type ParserState = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-data-end' | 'trailers' | 'until-close' | 'done';

// Enough for any health or status document; a larger body is judged on its first megabyte.
const MAX_BODY_BYTES = 1_048_576;
const MAX_HEAD_BYTES = 65_536;
const CRLF = '\r\n';

/**
 * An incremental HTTP/1.1 response parser for one request: status line, headers, and a body delimited by
 * Content-Length, chunked transfer coding, or the end of the connection. Interim 1xx answers are skipped.
 */
class HttpResponseParser {
  #pending: Buffer = Buffer.alloc(0);
  #state: ParserState = 'head';
  #status = 0;
  #keepAlive = true;
  #remaining = 0;
  #bodyChunks: Buffer[] = [];
  #bodySize = 0;
  readonly #readBody: boolean;
  readonly #isHead: boolean;

  constructor(options: { readonly readBody: boolean; readonly method: string }) {
    this.#readBody = options.readBody;
    this.#isHead = options.method === 'HEAD';
  }

  /** Whether any byte of the response has arrived (a stale keep-alive connection fails before that). */
  get started(): boolean {
    return this.#state !== 'head' || this.#pending.length > 0;
  }

  /** Feeds bytes; returns the response once complete. Throws HttpResponseParseError on a malformed answer. */
  push(data: Buffer): ParsedResponse | undefined {
    this.#pending = this.#pending.length === 0 ? data : Buffer.concat([this.#pending, data]);
    while (this.#state !== 'done' && this.#state !== 'until-close') {
      if (!this.#step()) {
        return undefined;
      }
    }
    if (this.#state === 'until-close') {
      this.#keepBody(this.#pending);
      this.#pending = Buffer.alloc(0);
      return undefined;
    }
    return this.#result();
  }

  /** The connection ended: completes a body delimited by the end of the connection, else the answer was cut. */
  end(): ParsedResponse {
    if (this.#state !== 'until-close') {
      throw new HttpResponseParseError('the connection closed before the response was complete');
    }
    this.#keepAlive = false;
    return this.#result();
  }

  #result(): ParsedResponse {
    const body = this.#readBody ? Buffer.concat(this.#bodyChunks).toString('utf8') : undefined;
    return { status: this.#status, body, keepAlive: this.#keepAlive && this.#pending.length === 0 };
  }

  #keepBody(bytes: Buffer): void {
    if (this.#readBody && this.#bodySize < MAX_BODY_BYTES && bytes.length > 0) {
      const kept = bytes.subarray(0, MAX_BODY_BYTES - this.#bodySize);
      this.#bodyChunks.push(kept);
      this.#bodySize += kept.length;
    }
  }

  /** Takes up to #remaining body bytes (a Content-Length body or one chunk); moves on to `next` once all arrived. */
  #takeCounted(next: ParserState): boolean {
    const taken = this.#pending.subarray(0, this.#remaining);
    this.#keepBody(taken);
    this.#remaining -= taken.length;
    this.#pending = this.#pending.subarray(taken.length);
    if (this.#remaining > 0) {
      return false;
    }
    this.#state = next;
    return true;
  }

  #takeLine(): string | undefined {
    const end = this.#pending.indexOf(CRLF);
    if (end === -1) {
      return undefined;
    }
    const line = this.#pending.toString('latin1', 0, end);
    this.#pending = this.#pending.subarray(end + 2);
    return line;
  }

  /** Advances one state; false when more bytes are needed. */
  #step(): boolean {
    switch (this.#state) {
      case 'head':
        return this.#parseHead();
      case 'length':
        return this.#takeCounted('done');
      case 'chunk-size': {
        const line = this.#takeLine();
        if (line === undefined) {
          return false;
        }
        const size = Number.parseInt(line.split(';')[0]?.trim() ?? '', 16);
        if (!Number.isFinite(size) || size < 0) {
          throw new HttpResponseParseError(`malformed chunk size ${JSON.stringify(line.slice(0, 20))}`);
        }
        this.#remaining = size;
        this.#state = size === 0 ? 'trailers' : 'chunk-data';
        return true;
      }
      case 'chunk-data':
        return this.#takeCounted('chunk-data-end');
      case 'chunk-data-end':
        if (this.#pending.length < 2) {
          return false;
        }
        this.#pending = this.#pending.subarray(2);
        this.#state = 'chunk-size';
        return true;
      case 'trailers': {
        const line = this.#takeLine();
        if (line === undefined) {
          return false;
        }
        if (line === '') {
          this.#state = 'done';
        }
        return true;
      }
      case 'until-close':
      case 'done':
        return false;
    }
  }

  #parseHead(): boolean {
    const end = this.#pending.indexOf('\r\n\r\n');
    if (end === -1) {
      if (this.#pending.length > MAX_HEAD_BYTES) {
        throw new HttpResponseParseError(`response headers exceed ${MAX_HEAD_BYTES} bytes`);
      }
      return false;
    }
    const [statusLine = '', ...headerLines] = this.#pending.toString('latin1', 0, end).split(CRLF);
    this.#pending = this.#pending.subarray(end + 4);
    const match = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
    if (match === null) {
      throw new HttpResponseParseError(`not an HTTP/1.x response: ${JSON.stringify(statusLine.slice(0, 40))}`);
    }
    const status = Number(match[2]);
    if (status >= 100 && status < 200 && status !== 101) {
      return true;
    }
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) {
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      }
    }
    const connection = headers.get('connection')?.toLowerCase() ?? '';
    this.#status = status;
    this.#keepAlive = match[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
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
      this.#state = 'length';
    } else {
      this.#keepAlive = false;
      this.#state = 'until-close';
    }
    return true;
  }
}

export { HttpResponseParser };
export type { ParsedResponse };
