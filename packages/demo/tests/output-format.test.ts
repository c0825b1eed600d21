import { describe, expect, it } from '@jest/globals';
import { findHookDecision } from '../src/hook-verdict.js';
import { progressText } from '../src/progress-format.js';
import { summaryKeyLines } from '../src/summary-lines.js';

describe('findHookDecision', () => {
  it('reads the reason from the hook’s last decision line among other logs', () => {
    // Prepare
    const lines = [
      'START RequestId: 1',
      '{"level":"WARN","message":"check result","check":"checkout page","passed":false,"reason":"status 404"}',
      '{"level":"WARN","message":"decision","status":"Failed","reason":"check \\"checkout page\\" failed: status 404"}',
      '{"level":"INFO","message":"reported","status":"Failed"}',
    ];

    // Act
    const decision = findHookDecision(lines);

    // Assess
    expect(decision).toEqual({ status: 'Failed', reason: 'check "checkout page" failed: status 404' });
  });

  it('finds nothing when the hook logged no decision', () => {
    // Act
    const decision = findHookDecision(['{not json', '{"message":"check result"}']);

    // Assess
    expect(decision).toBeUndefined();
  });
});

describe('summaryKeyLines', () => {
  it('keeps headings and table rows, drops the mermaid block, blank lines and table rules', () => {
    // Prepare
    const summary = ['## Pipeline ✅ succeeded', '', '| Stage | Status |', '|---|---|', '| Build | ✅ |', '```mermaid', 'gantt', '```', '### Timeline'].join('\n');

    // Act
    const lines = summaryKeyLines(summary);

    // Assess
    expect(lines).toEqual(['## Pipeline ✅ succeeded', '| Stage | Status |', '| Build | ✅ |', '### Timeline']);
  });
});

describe('progressText', () => {
  it('describes a canary step with its hold', () => {
    // Act
    const text = progressText({ kind: 'production-traffic', weights: { blue: 90, green: 10 }, holdMinutes: 5 });

    // Assess
    expect(text).toBe('production listener → 90% blue · 10% green, held 5 min (simulated)');
  });

  it('shows the fields a person reads from a JSON hook log line', () => {
    // Act
    const text = progressText({
      kind: 'hook-log',
      line: '{"timestamp":"t","level":"WARN","message":"check result","check":"health","passed":false,"reason":"timeout"}',
    });

    // Assess
    expect(text).toBe('  hook   │ WARN check result check=health passed=false reason=timeout');
  });
});
