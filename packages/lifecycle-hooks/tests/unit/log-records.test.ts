import { describe, expect, it } from '@jest/globals';
import { ecsDecisionFields, ecsInvocationFields, readHookLogRecord } from '../../src/log-records.js';
import { createJsonLogger, logCheckResult, logDecision } from '../../src/logger.js';

const LATENCY = { p50Ms: 1, p95Ms: 2, maxMs: 3 };
const FAILED_CHECK = { name: 'version', passed: false, requests: 1, failures: 1, latency: LATENCY, reason: 'status 500, expected 2xx' };

/** The lines the hook writes for one failed deployment, as its logger writes them. */
const hookLines = (): string[] => {
  const lines: string[] = [];
  const logger = createJsonLogger((line) => lines.push(line)).child({ deploymentId: 'd-ABCDEFGHI' });
  logger.log('INFO', 'checks started');
  logCheckResult(logger, { name: 'health', passed: true, requests: 5, failures: 0, latency: LATENCY });
  logCheckResult(logger, FAILED_CHECK);
  logDecision(logger, { status: 'Failed', reason: 'check "version" failed: status 500, expected 2xx', checks: [FAILED_CHECK] });
  return lines;
};

describe('the hook log records', () => {
  it('reads back the check results and the decision the logger writes, and nothing from other lines', () => {
    // Act
    const records = hookLines().map(readHookLogRecord);

    // Assess
    expect(records).toEqual([
      undefined,
      { message: 'check result', deploymentId: 'd-ABCDEFGHI', check: 'health', passed: true, reason: undefined, requests: 5, failures: 0, ...LATENCY },
      { message: 'check result', deploymentId: 'd-ABCDEFGHI', check: 'version', passed: false, reason: 'status 500, expected 2xx', requests: 1, failures: 1, ...LATENCY },
      { message: 'decision', deploymentId: 'd-ABCDEFGHI', status: 'Failed', reason: 'check "version" failed: status 500, expected 2xx' },
    ]);
  });

  it('reads back the stage of an ECS native check result and decision', () => {
    // Prepare
    const lines: string[] = [];
    const logger = createJsonLogger((line) => lines.push(line)).child({ executionId: 'exec-1' });
    logCheckResult(logger, FAILED_CHECK, 'POST_TEST_TRAFFIC_SHIFT');
    logger.log('WARN', 'decision', ecsDecisionFields('POST_TEST_TRAFFIC_SHIFT', 'FAILED', 'check "version" failed'));

    // Act
    const records = lines.map(readHookLogRecord);

    // Assess
    expect(records).toEqual([
      { message: 'check result', deploymentId: undefined, stage: 'POST_TEST_TRAFFIC_SHIFT', check: 'version', passed: false, reason: 'status 500, expected 2xx', requests: 1, failures: 1, ...LATENCY },
      { message: 'decision', executionId: 'exec-1', stage: 'POST_TEST_TRAFFIC_SHIFT', hookStatus: 'FAILED', reason: 'check "version" failed' },
    ]);
  });

  it('reads back the service deployment ARN an ECS native invocation binds to its lines', () => {
    // Prepare
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service-deployment/shop/web/ejGvqq2ilnbKT9qj0vLJe';
    const lines: string[] = [];
    const logger = createJsonLogger((line) => lines.push(line)).child(ecsInvocationFields('exec-1', 'POST_TEST_TRAFFIC_SHIFT', arn));
    logCheckResult(logger, FAILED_CHECK, 'POST_TEST_TRAFFIC_SHIFT');
    logger.log('WARN', 'decision', ecsDecisionFields('POST_TEST_TRAFFIC_SHIFT', 'FAILED', 'check "version" failed'));

    // Act
    const records = lines.map(readHookLogRecord);

    // Assess
    expect(records).toEqual([
      expect.objectContaining({ message: 'check result', resourceArn: arn, check: 'version' }),
      expect.objectContaining({ message: 'decision', resourceArn: arn, hookStatus: 'FAILED' }),
    ]);
  });

  it('reads no resourceArn that is not an ECS ARN of bounded length', () => {
    // Prepare
    const line = (resourceArn: string): string =>
      JSON.stringify({ message: 'decision', stage: 'POST_TEST_TRAFFIC_SHIFT', hookStatus: 'FAILED', reason: 'r', resourceArn });

    // Act
    const records = [`arn:aws:ecs:us-east-1:123456789012:service-deployment/a/b/c" "x`, `arn:aws:ecs:us-east-1:123456789012:${'a'.repeat(700)}`].map(
      (arn) => readHookLogRecord(line(arn)),
    );

    // Assess
    expect(records).toEqual([
      expect.objectContaining({ hookStatus: 'FAILED', resourceArn: undefined }),
      expect.objectContaining({ hookStatus: 'FAILED', resourceArn: undefined }),
    ]);
  });

  it('leaves out a figure that is not a finite number', () => {
    // Act
    const record = readHookLogRecord('{"message":"check result","check":"health","passed":true,"requests":"5","p95Ms":1e999}');

    // Assess
    expect(record).toMatchObject({ check: 'health', requests: undefined, p95Ms: undefined });
  });

  it('reads a record after the prefix the Node runtime may add to a line', () => {
    // Prepare
    const line = `2026-11-26T10:00:00.000Z\t1b2c\tINFO\t${hookLines().at(-1) ?? ''}`;

    // Act
    const record = readHookLogRecord(line);

    // Assess
    expect(record).toMatchObject({ message: 'decision', status: 'Failed' });
  });

  it.each([
    ['a decision without a reason', '{"message":"decision","status":"Failed"}'],
    ['a decision with a status CodeDeploy does not know', '{"message":"decision","status":"Maybe","reason":"r"}'],
    ['a check result whose passed is not a boolean', '{"message":"check result","check":"health","passed":"false"}'],
    ['a check result without its name', '{"message":"check result","passed":false}'],
    ['a record that is an array', '[{"message":"decision","status":"Failed","reason":"r"}]'],
    ['JSON cut short', '{"message":"decision","status":"Failed","reason":"r'],
    ['nesting deep enough to exhaust a recursive parser', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
    ['a line over the size of any the hook writes', JSON.stringify({ message: 'decision', status: 'Failed', reason: 'x'.repeat(70_000) })],
    ['an ECS decision with a status ECS does not know', '{"message":"decision","stage":"POST_TEST_TRAFFIC_SHIFT","hookStatus":"MAYBE","reason":"r"}'],
    ['an ECS decision without its stage', '{"message":"decision","hookStatus":"FAILED","reason":"r"}'],
    ['a prototype key', '{"__proto__":{"message":"decision","status":"Failed","reason":"r"}}'],
  ])('reads no record from %s, without throwing', (_case, line) => {
    // Act
    const record = readHookLogRecord(line);

    // Assess
    expect(record).toBeUndefined();
  });

  it('keeps only the fields it validated, whatever else a line carries', () => {
    // Prepare
    const line = JSON.stringify({ message: 'decision', status: 'Succeeded', reason: 'all checks passed', deploymentId: 42, extra: { nested: true } });

    // Act
    const record = readHookLogRecord(line);

    // Assess
    expect(record).toEqual({ message: 'decision', deploymentId: undefined, status: 'Succeeded', reason: 'all checks passed' });
  });
});
