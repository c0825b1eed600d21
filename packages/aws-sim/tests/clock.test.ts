import { describe, expect, it } from '@jest/globals';
import { SimClock } from '../src/clock.js';

describe('simulated clock', () => {
  it('runs simulated time 1/timeScale as fast as real time', async () => {
    // Prepare
    const clock = new SimClock(0.01);
    const before = clock.nowMs();

    // Act
    await clock.sleep(20);
    const elapsedSimulated = clock.nowMs() - before;

    // Assess
    expect(elapsedSimulated).toBeGreaterThanOrEqual(19_000);
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
