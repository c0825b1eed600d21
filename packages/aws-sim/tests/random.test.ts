import { describe, expect, it } from '@jest/globals';
import { deriveSeed, SeededRandom } from '../src/random.js';

describe('seeded random', () => {
  it('replays the same mulberry32 stream for the same seed, so a rehearsal routes its requests identically', () => {
    // Prepare: the values the demo's load balancer drew for seed 1 before it used this generator.
    const production = new SeededRandom(deriveSeed(1, 'production'));

    // Act
    const drawn = [production.next(), production.next(), production.next()];

    // Assess
    expect(drawn).toEqual([0.6161938307341188, 0.8164899130351841, 0.7519643453415483]);
  });

  it('derives a different seed per label and the same one for the same label', () => {
    // Act
    const seeds = [deriveSeed(1, 'production'), deriveSeed(1, 'test'), deriveSeed(2, 'production'), deriveSeed(1, 'production')];

    // Assess
    expect(seeds).toEqual([1621143446, 192216249, expect.any(Number), 1621143446]);
    expect(new Set(seeds.slice(0, 3)).size).toBe(3);
  });
});
