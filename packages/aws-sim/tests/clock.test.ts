import { describe, expect, it } from '@jest/globals';
import { SimClock } from '../src/clock.js';

describe('simulator clock', () => {
  it('reports wall-clock time whatever the time scale', () => {
    // Prepare
    const clock = new SimClock(0.01);

    // Act
    const reported = clock.nowMs();

    // Assess
    expect(Math.abs(reported - Date.now())).toBeLessThan(1_000);
    clock.shutdown();
  });

  it('takes timeScale real seconds per scenario second, and the clock advances by that much only', async () => {
    // Prepare
    const clock = new SimClock(0.01);
    const before = clock.nowMs();

    // Act
    await clock.sleep(20);
    const elapsed = clock.nowMs() - before;

    // Assess: 20 scenario seconds are 200 ms real, and the clock shows 200 ms, not 20 s.
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(15_000);
    clock.shutdown();
  });

  it('converts scenario durations to the real milliseconds they take', () => {
    // Prepare
    const clock = new SimClock(0.05);

    // Act
    const realMs = clock.realMs(60);

    // Assess
    expect(realMs).toBeCloseTo(3_000);
    clock.shutdown();
  });

  it('keeps waiting for durations beyond what one timer can hold, until aborted', async () => {
    // Prepare
    const clock = new SimClock(1);
    const controller = new AbortController();
    let settled = false;

    // Act
    const wait = clock.sleep(60 * 60 * 24 * 365, controller.signal).then(
      () => {
        settled = true;
      },
      () => 'aborted',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const settledEarly = settled;
    controller.abort(new Error('test over'));

    // Assess
    expect(settledEarly).toBe(false);
    await expect(wait).resolves.toBe('aborted');
    clock.shutdown();
  });

  it('rejects every pending wait when the simulator shuts down', async () => {
    // Prepare
    const clock = new SimClock(1);
    const wait = clock.sleep(3600);

    // Act
    clock.shutdown();

    // Assess
    await expect(wait).rejects.toThrow('The simulator stopped.');
  });
});
