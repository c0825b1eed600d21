/**
 * A small seeded PRNG (mulberry32): the same seed gives the same ids and the same faults, so a failing test
 * replays identically. Not for anything security-related.
 */
class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  fromAlphabet(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) {
      out += alphabet.charAt(this.integer(0, alphabet.length - 1));
    }
    return out;
  }

  hex(length: number): string {
    return this.fromAlphabet('0123456789abcdef', length);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * An independent seed for one consumer (say, each listener of a load balancer) derived from one user-facing
 * seed and the consumer's label (FNV-1a steps over the label, starting from the seed), so that consumers added
 * later do not shift each other's streams.
 */
const deriveSeed = (seed: number, label: string): number => {
  let hash = seed >>> 0;
  for (const character of label) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
};

export { deriveSeed, SeededRandom };
