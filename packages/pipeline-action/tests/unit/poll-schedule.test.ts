import { describe, expect, it } from '@jest/globals';
import { PollSchedule } from '../../src/poll-schedule.js';

const BOUNDS = { minIntervalMs: 1_000, maxIntervalMs: 30_000 };
const noJitter = (): number => 0;
const QUIET = { changed: false, expectedChangeAt: undefined, runningForMs: undefined };

describe('PollSchedule', () => {
  it('aims just after the moment a change is expected', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const delay = schedule.next({ ...QUIET, now: 10_000, expectedChangeAt: 22_000 });

    // Assess
    expect(delay).toBe(12_300);
  });

  it('backs off while nothing moves and is quick again after a change', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const idle = [1, 2, 3, 4].map(() => schedule.next({ ...QUIET, now: 0 }));
    const afterChange = schedule.next({ ...QUIET, now: 0, changed: true });

    // Assess
    expect(idle).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(afterChange).toBe(1_000);
  });

  it('looks again soon, then less often, once an expected change is overdue', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const overdue = [1, 2, 3].map(() => schedule.next({ ...QUIET, now: 50_000, expectedChangeAt: 40_000 }));

    // Assess
    expect(overdue).toEqual([1_000, 1_500, 2_250]);
  });

  it('polls a long-running action sparsely in proportion to how long it has run', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const delay = schedule.next({ ...QUIET, now: 0, changed: true, runningForMs: 60_000 });

    // Assess
    expect(delay).toBe(18_000);
  });

  it('never polls faster than the minimum nor waits longer than the maximum', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const soon = schedule.next({ ...QUIET, now: 0, expectedChangeAt: 10 });
    const far = schedule.next({ ...QUIET, now: 0, expectedChangeAt: 3_600_000 });
    const longIdle = Array.from({ length: 20 }, () => schedule.next({ ...QUIET, now: 0 })).at(-1);

    // Assess
    expect(soon).toBe(1_000);
    expect(far).toBe(30_000);
    expect(longIdle).toBe(30_000);
  });

  it('spreads backoff delays with up to 15% jitter', () => {
    // Prepare
    const low = new PollSchedule(BOUNDS, () => 0);
    const high = new PollSchedule(BOUNDS, () => 0.999);

    // Act
    const delays = [low, high].map((schedule) => schedule.next({ ...QUIET, now: 0, runningForMs: 20_000 }));

    // Assess
    expect(delays[0]).toBe(6_000);
    expect(delays[1]).toBeGreaterThan(6_850);
    expect(delays[1]).toBeLessThanOrEqual(6_900);
  });

  it('backs off exponentially after failed polls', () => {
    // Prepare
    const schedule = new PollSchedule(BOUNDS, noJitter);

    // Act
    const delays = [1, 2, 3, 6].map((failures) => schedule.afterError(failures));

    // Assess
    expect(delays).toEqual([2_000, 4_000, 8_000, 30_000]);
  });
});
