const empty = Buffer.alloc(0);
// Buffer#copy costs more per call than a short loop: a body of one-byte chunks makes a million such calls.
const SMALL_COPY_BYTES = 16;

/**
 * The first `limit` bytes of a response body, in one buffer that grows (doubling) with what arrives and never past
 * `limit`: memory follows the bytes received, not the number of packets or chunks they came in.
 */
class BodyBuffer {
  readonly #limit: number;
  #bytes: Buffer = empty;
  #size = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Bytes held (the buffer's capacity), at most `limit`. */
  get bufferedBytes(): number {
    return this.#bytes.length;
  }

  /** Keeps `data[start, end)`, or the part of it that still fits under the limit. */
  append(data: Buffer, start: number, end: number): void {
    const wanted = Math.min(end - start, this.#limit - this.#size);
    if (wanted <= 0) {
      return;
    }
    const needed = this.#size + wanted;
    if (needed > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.#limit, Math.max(needed, this.#bytes.length * 2)));
      this.#bytes.copy(grown, 0, 0, this.#size);
      this.#bytes = grown;
    }
    if (wanted < SMALL_COPY_BYTES) {
      for (let index = 0; index < wanted; index += 1) {
        this.#bytes[this.#size + index] = data[start + index] ?? 0;
      }
      this.#size += wanted;
    } else {
      this.#size += data.copy(this.#bytes, this.#size, start, start + wanted);
    }
  }

  text(): string {
    return this.#bytes.toString('utf8', 0, this.#size);
  }
}

export { BodyBuffer };
