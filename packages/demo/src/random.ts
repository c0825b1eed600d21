/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same routing decisions and the same
 * faults, so a surprising rehearsal can be replayed exactly.
 */
const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Derives an independent stream per consumer (listener, fault injector) from one user-facing seed. */
const deriveSeed = (seed: number, label: string): number => {
  let hash = seed >>> 0;
  for (const character of label) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
};

export { deriveSeed, seededRandom };
