import { describe, expect, it } from '@jest/globals';
import { fullJitterBackoff, isRetryableAwsError, retry } from '../src/index.js';

const awsError = (name: string, httpStatusCode: number): Error =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });

describe('retry', () => {
  it('retries transient failures until the operation succeeds', async () => {
    // Prepare
    const attempts: number[] = [];

    // Act
    const value = await retry(
      (attempt) => {
        attempts.push(attempt);
        return attempt < 3 ? Promise.reject(awsError('ThrottlingException', 400)) : Promise.resolve('done');
      },
      { deadline: Date.now() + 10_000, isRetryable: isRetryableAwsError, delay: () => 1 },
    );

    // Assess
    expect(value).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('does not retry an error that will not go away', async () => {
    // Prepare
    let calls = 0;

    // Act
    const outcome = retry(
      () => {
        calls += 1;
        return Promise.reject(awsError('AccessDeniedException', 403));
      },
      { deadline: Date.now() + 10_000, isRetryable: isRetryableAwsError, delay: () => 1 },
    );

    // Assess
    await expect(outcome).rejects.toThrow('AccessDeniedException happened');
    expect(calls).toBe(1);
  });

  it('gives up with the last error when the next attempt would start after the deadline', async () => {
    // Prepare
    let calls = 0;
    const deadline = Date.now() + 300;

    // Act
    const outcome = retry(
      () => {
        calls += 1;
        return Promise.reject(awsError('ThrottlingException', 400));
      },
      { deadline, isRetryable: isRetryableAwsError, delay: fullJitterBackoff(20, 50) },
    );

    // Assess
    await expect(outcome).rejects.toThrow('ThrottlingException happened');
    expect(Date.now()).toBeLessThan(deadline + 2_000);
    expect(calls).toBeGreaterThan(1);
  });

  it('ends the wait between attempts when the signal aborts, and tries no more', async () => {
    // Prepare
    const controller = new AbortController();
    let calls = 0;

    // Act
    const outcome = retry(
      () => {
        calls += 1;
        setTimeout(() => controller.abort(new Error('cancelled')), 10);
        return Promise.reject(awsError('ThrottlingException', 400));
      },
      { deadline: Date.now() + 60_000, signal: controller.signal, isRetryable: isRetryableAwsError, delay: () => 30_000 },
    );

    // Assess
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  });

  it('tells onRetry about each failure it retries, with the wait', async () => {
    // Prepare
    const retried: [string, number, number][] = [];

    // Act
    await retry((attempt) => (attempt < 3 ? Promise.reject(awsError('InternalFailure', 500)) : Promise.resolve()), {
      deadline: Date.now() + 10_000,
      isRetryable: isRetryableAwsError,
      delay: (failures) => failures * 2,
      onRetry: (error, failures, delayMs) => retried.push([(error as Error).name, failures, delayMs]),
    });

    // Assess
    expect(retried).toEqual([
      ['InternalFailure', 1, 2],
      ['InternalFailure', 2, 4],
    ]);
  });
});

describe('fullJitterBackoff', () => {
  it('waits at random up to the doubled base, never above the cap', () => {
    // Prepare
    const delay = fullJitterBackoff(100, 2_000);

    // Act
    const afterOne = Array.from({ length: 100 }, () => delay(1));
    const afterEight = Array.from({ length: 100 }, () => delay(8));

    // Assess
    expect(Math.min(...afterOne, ...afterEight)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...afterOne)).toBeLessThanOrEqual(200);
    expect(Math.max(...afterEight)).toBeLessThanOrEqual(2_000);
    expect(Math.max(...afterEight)).toBeGreaterThan(200);
    expect(new Set(afterEight).size).toBeGreaterThan(20);
  });
});
