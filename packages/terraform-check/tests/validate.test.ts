import { describe, expect, it } from '@jest/globals';
import { checkFixture, lineRules } from './fixture-check.js';

describe('validation against the AWS provider schema', () => {
  it('reports each schema problem on the line where it is written, with a did-you-mean', async () => {
    // Prepare / Act
    const report = await checkFixture('schema');

    // Assess
    const validation = report.findings.filter((finding) => finding.rule.startsWith('validate/'));
    expect(validation.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '1 validate/unknown-type',
      '7 validate/unknown-argument',
      '8 validate/read-only-argument',
      '9 validate/block-vs-argument',
      '14 validate/missing-required',
      '19 validate/too-many-blocks',
      '31 validate/dynamic-block',
      '39 validate/lifecycle',
      '40 validate/lifecycle',
      '46 validate/block-vs-argument',
      '49 validate/unknown-type',
    ]);
    const messages = validation.map((finding) => finding.message).join('\n');
    expect(messages).toContain('unknown resource type "aws_s3_buckett" in AWS provider 6.66.0 (did you mean "aws_s3_bucket"?)');
    expect(messages).toContain('unknown argument "retention_in_dayz" in aws_cloudwatch_log_group.this (did you mean "retention_in_days"?)');
    expect(messages).toContain('missing the required argument "load_balancer_arn"');
    expect(messages).toContain('allows at most 1 "forward" block, found 2');
    expect(messages).toContain('ignore_changes path "default_action[0].target_group_arnz" does not exist');
  });

  it('reports undeclared references, including inside for expressions, and unknown attributes', async () => {
    // Prepare / Act
    const report = await checkFixture('references');

    // Assess
    expect(lineRules(report)).toEqual([
      '7 validate/undeclared-reference',
      '8 validate/undeclared-reference',
      '12 validate/undeclared-reference',
      '18 validate/unknown-attribute',
      '23 validate/undeclared-reference',
      '28 validate/undeclared-reference',
      '33 validate/undeclared-reference',
    ]);
    const messages = report.findings.map((finding) => finding.message);
    expect(messages).toContain('reference to undeclared variable "undeclared_in_for"');
    expect(messages).toContain('aws_cloudwatch_log_group.this has no attribute "arnn" (did you mean "arn"?)');
    expect(messages).toContain('"each.key" is only valid inside a block with for_each');
  });

  it('reports a variable validation that refers to another variable only where required_version allows Terraform before 1.9', async () => {
    // Prepare / Act
    const report = await checkFixture('validation-reference');

    // Assess
    expect(report.findings.map((finding) => `${finding.file} ${finding.line} ${finding.rule}`)).toEqual([
      'tests/fixtures/validation-reference/older/main.tf 11 validate/validation-reference',
    ]);
    expect(report.findings[0]?.message).toMatch(/^the validation of variable "min_size" refers to var\.max_size, which Terraform before 1\.9 rejects/);
  });

  it('checks inputs and outputs of local child modules and notes registry modules it cannot read', async () => {
    // Prepare / Act
    const report = await checkFixture('module-inputs');

    // Assess
    expect(report.findings.map((finding) => `${finding.line} ${finding.rule} ${finding.severity}`)).toEqual([
      '1 validate/module-input error',
      '3 validate/module-input error',
      '7 validate/module-source note',
      '12 validate/module-source error',
      '17 validate/module-output error',
    ]);
    expect(report.findings[1]?.message).toBe('module.child (tests/fixtures/module-inputs/child) has no input "nme" (did you mean "name"?)');
  });

  it('reports templatefile() and filebase64sha256() paths that do not exist, resolving path.module', async () => {
    // Prepare / Act
    const report = await checkFixture('files');

    // Assess
    expect(lineRules(report)).toEqual(['3 validate/missing-file', '4 validate/missing-file']);
    expect(report.findings[0]?.message).toMatch(/^templatefile\("\$\{path\.module\}\/missing\.tpl"\) reads a file that does not exist: .*fixtures\/files\/missing\.tpl$/);
  });

  it('reports duplicate declarations across files, unknown variable arguments and undocumented inputs', async () => {
    // Prepare / Act
    const report = await checkFixture('declarations');

    // Assess
    expect(report.findings.map((finding) => `${finding.file.split('/').pop() ?? ''}:${finding.line} ${finding.rule}`)).toEqual([
      'a.tf:3 validate/unknown-argument',
      'a.tf:7 validate/undocumented',
      'b.tf:2 validate/duplicate',
      'b.tf:5 validate/duplicate',
      'b.tf:10 validate/undocumented',
    ]);
    expect(report.findings[3]?.message).toBe(
      'resource "aws_cloudwatch_log_group.this" is declared twice (first at tests/fixtures/declarations/a.tf:15)',
    );
  });

  it("reports a required_providers constraint the checker's provider schema does not satisfy", async () => {
    // Prepare / Act
    const report = await checkFixture('provider-version');

    // Assess
    expect(report.findings.map((finding) => `${finding.line} ${finding.rule} ${finding.severity}`)).toEqual([
      '4 validate/provider-version error',
    ]);
    expect(report.findings[0]?.message).toBe(
      'the checker\'s schema is AWS provider 6.66.0, which does not satisfy "~> 5.0": regenerate the schema for a matching provider',
    );
  });

  it('reports moved blocks whose from is still declared or whose to is undeclared or takes another instance key', async () => {
    // Prepare / Act
    const report = await checkFixture('moved');

    // Assess
    expect(lineRules(report)).toEqual(['26 validate/moved', '32 validate/moved', '37 validate/moved', '47 validate/moved']);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      'aws_cloudwatch_log_group.single is still declared: terraform refuses a move away from an address the configuration keeps (remove or rename it)',
      'moves to aws_cloudwatch_log_group.thiss["app"], which this module does not declare: the object would be planned for destruction (declare it or fix the address)',
      'moves to aws_cloudwatch_log_group.single["legacy"], but the resource takes no instance key',
      'moves to aws_cloudwatch_log_group.this[0], but the resource takes a string key (it has for_each)',
    ]);
  });

  it('reports a syntax error at the file and line the parser names', async () => {
    // Prepare / Act
    const report = await checkFixture('syntax');

    // Assess
    expect(report.findings).toEqual([
      expect.objectContaining({ file: 'tests/fixtures/syntax/main.tf', line: 2, rule: 'syntax', severity: 'error' }),
    ]);
    expect(report.findings[0]?.message).toMatch(/^column 11: Invalid expression/);
  });

  it('finds nothing wrong in a clean module that calls a local child module', async () => {
    // Prepare / Act
    const report = await checkFixture('good');

    // Assess
    expect(report.findings).toEqual([]);
    expect(report.modules).toBe(2);
    expect(report.resources).toBe(13);
  });
});
