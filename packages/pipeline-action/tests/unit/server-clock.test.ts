import { describe, expect, it } from '@jest/globals';
import { ServerClock } from '../../src/server-clock.js';

describe('ServerClock', () => {
  it('maps server times onto local times through the anchor', () => {
    // Prepare
    const clock = new ServerClock();
    clock.anchor(1_000_000, 5_000);

    // Act
    const local = clock.toLocal(1_030_000);

    // Assess
    expect(local).toBe(35_000);
    expect(clock.rate).toBe(1);
  });

  it('treats small rate scatter from latency as a clock at our pace', () => {
    // Prepare
    const clock = new ServerClock();
    clock.anchor(1_000_000, 0);

    // Act
    clock.observe(1_001_300, 1_000);

    // Assess
    expect(clock.rate).toBe(1);
  });

  it('follows a server clock that clearly runs faster than ours', () => {
    // Prepare
    const clock = new ServerClock();
    clock.anchor(1_000_000, 0);

    // Act
    clock.observe(1_060_000, 1_000);

    // Assess
    expect(clock.rate).toBe(60);
    expect(clock.toLocal(1_120_000)).toBe(2_000);
  });

  it('ignores a few seconds of clock skew seen shortly after the anchor', () => {
    // Prepare
    const clock = new ServerClock();
    clock.anchor(1_000_000, 0);

    // Act
    clock.observe(1_003_000, 1_000);

    // Assess
    expect(clock.rate).toBe(1);
  });

  it('knows nothing before it is anchored', () => {
    // Prepare
    const clock = new ServerClock();

    // Act
    clock.observe(5_000, 1_000);
    const local = clock.toLocal(1_000);

    // Assess
    expect(local).toBeUndefined();
  });
});
