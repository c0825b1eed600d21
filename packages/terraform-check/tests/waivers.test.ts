import { describe, expect, it } from '@jest/globals';
import { checkFixture, lineRules } from './fixture-check.js';

describe('inline waivers', () => {
  it('waives a finding on the block below a waiver with a reason, and lists it', async () => {
    // Prepare / Act
    const report = await checkFixture('waivers');

    // Assess
    expect(report.waivers.map(({ waiver, finding }) => `${finding.line} ${waiver.rule} ${waiver.reason}`)).toEqual([
      '2 CKV_AWS_66 audit logs are kept forever on purpose',
    ]);
  });

  it('rejects a waiver without a reason and keeps the finding it meant to waive', async () => {
    // Prepare / Act
    const report = await checkFixture('waivers');

    // Assess
    expect(lineRules(report)).toContain('6 waiver/reason');
    expect(lineRules(report)).toContain('7 CKV_AWS_66');
  });

  it('keeps a waiver that matched no finding as a note naming its rule, without failing the check', async () => {
    // Prepare / Act
    const report = await checkFixture('waivers');

    // Assess
    const unused = report.findings.filter((finding) => finding.rule === 'waiver/unused' && finding.severity === 'note');
    expect(unused.map((finding) => finding.line)).toEqual([25]);
    expect(unused[0]?.message).toMatch(/^waiver for CKV_AWS_66 matched no finding on the block below it/);
    expect(lineRules(report)).not.toContain('26 CKV_AWS_66');
  });

  it('never waives a world-open test listener', async () => {
    // Prepare / Act
    const report = await checkFixture('waivers');

    // Assess
    expect(lineRules(report)).toContain('16 GL_TEST_LISTENER_PUBLIC');
    expect(report.findings.find((finding) => finding.line === 15)).toEqual(
      expect.objectContaining({ rule: 'waiver/unused', severity: 'error', message: 'GL_TEST_LISTENER_PUBLIC cannot be waived' }),
    );
  });
});
