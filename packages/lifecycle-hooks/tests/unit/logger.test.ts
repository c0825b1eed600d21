import { describe, expect, it } from '@jest/globals';
import { createJsonLogger, logCheckResult, logDecision } from '../../src/logger.js';

const capture = () => {
  const lines: string[] = [];
  return { lines, logger: createJsonLogger((line) => lines.push(line)) };
};

describe('the JSON logger', () => {
  it('writes one parseable JSON object per line, with the bound fields of a child logger', () => {
    // Prepare
    const { lines, logger } = capture();

    // Act
    logger.child({ requestId: 'r-1' }).child({ deploymentId: 'd-1' }).log('WARN', 'something', { attempt: 2 });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'WARN',
      message: 'something',
      requestId: 'r-1',
      deploymentId: 'd-1',
      attempt: 2,
    });
  });

  it('logs a check result with its counts and latencies, and the reason only when it failed', () => {
    // Prepare
    const { lines, logger } = capture();
    const latency = { p50Ms: 1.5, p95Ms: 9, maxMs: 12.2 };

    // Act
    logCheckResult(logger, { name: 'health', passed: true, requests: 10, failures: 0, latency });
    logCheckResult(logger, { name: 'home', passed: false, requests: 10, failures: 3, latency, reason: 'status 500, expected 2xx' });

    // Assess
    const [passed, failed] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(passed).toEqual(expect.objectContaining({ level: 'INFO', check: 'health', requests: 10, failures: 0, p50Ms: 1.5, p95Ms: 9, maxMs: 12.2 }));
    expect(passed).not.toHaveProperty('reason');
    expect(failed).toEqual(expect.objectContaining({ level: 'WARN', check: 'home', failures: 3, reason: 'status 500, expected 2xx' }));
  });

  it('logs the decision with the counts of checks run and failed', () => {
    // Prepare
    const { lines, logger } = capture();
    const latency = { p50Ms: 1, p95Ms: 1, maxMs: 1 };

    // Act
    logDecision(logger, {
      status: 'Failed',
      reason: 'check "b" failed: x',
      checks: [
        { name: 'a', passed: true, requests: 1, failures: 0, latency },
        { name: 'b', passed: false, requests: 1, failures: 1, latency, reason: 'x' },
      ],
    });

    // Assess
    expect(JSON.parse(lines[0] ?? '')).toEqual(
      expect.objectContaining({ message: 'decision', status: 'Failed', reason: 'check "b" failed: x', checksRun: 2, checksFailed: 1 }),
    );
  });
});
