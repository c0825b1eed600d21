import { HttpResponseParseError } from './errors.js';

const CR = 0x0d;
const LF = 0x0a;

interface LineRead {
  /** The line without its line break, as Latin-1 text (HTTP field values are bytes). */
  readonly line: string;
  /** Offset in the data just after the line break. */
  readonly next: number;
}

/**
 * Reads one line at a time out of the bytes of a response, across as many packets as it takes, and refuses a line
 * longer than `limit` bytes: a peer that never ends a line costs at most that much memory. Each byte is scanned for
 * the line break once, when it arrives. A line ends at LF with an optional CR before it (RFC 9112 section 2.2 lets
 * a recipient accept a bare LF).
 */
class LineReader {
  readonly #limit: number;
  // The start of a line whose end has not arrived yet; allocated on the first line split across packets.
  #carry: Buffer | undefined;
  #carried = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Bytes held for a partial line (its buffer's capacity), at most `limit` + 2 whatever the peer sends. */
  get bufferedBytes(): number {
    return this.#carry?.length ?? 0;
  }

  /**
   * Takes the next line from `data` at `offset`, or keeps the partial line and returns undefined when its end has
   * not arrived. `what` names the line in the error ("chunk-size line").
   */
  read(data: Buffer, offset: number, what: string): LineRead | undefined {
    // Content, a CR and the LF: a line break past this window comes too late.
    const window = Math.min(data.length, offset + this.#limit + 2 - this.#carried);
    const found = data.indexOf(LF, offset);
    const lf = found >= window ? -1 : found;
    if (lf === -1) {
      if (this.#carried + window - offset > this.#limit + 1 || window < data.length) {
        throw new HttpResponseParseError(`the response's ${what} exceeds ${this.#limit} bytes`);
      }
      this.#keep(data, offset, window);
      return undefined;
    }
    let line: string;
    if (this.#carried === 0) {
      line = data.toString('latin1', offset, lf);
    } else {
      this.#keep(data, offset, lf);
      line = (this.#carry as Buffer).toString('latin1', 0, this.#carried);
      this.#carried = 0;
    }
    const content = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (content.length > this.#limit) {
      throw new HttpResponseParseError(`the response's ${what} exceeds ${this.#limit} bytes`);
    }
    return { line: content, next: lf + 1 };
  }

  #keep(data: Buffer, start: number, end: number): void {
    this.#carry ??= Buffer.allocUnsafe(this.#limit + 2);
    this.#carried += data.copy(this.#carry, this.#carried, start, end);
  }
}

export { CR, LF, LineReader };
export type { LineRead };
