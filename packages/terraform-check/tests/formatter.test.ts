import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTerraform } from '../src/checker.js';
import { formatTerraform } from '../src/formatter.js';
import { checkFixture, lineRules, packageDir } from './fixture-check.js';

describe('terraform fmt', () => {
  it('aligns equals signs like hclwrite.Format', async () => {
    // Prepare
    const text = 'resource "aws_s3_bucket" "this" {\n  bucket = "x"\n  force_destroy = true\n}\n';

    // Act
    const formatted = await formatTerraform(text);

    // Assess
    expect(formatted).toBe('resource "aws_s3_bucket" "this" {\n  bucket        = "x"\n  force_destroy = true\n}\n');
  });

  it('adds the rewrites terraform fmt makes: lone interpolations, legacy types, quoted labels', async () => {
    // Prepare
    const text = [
      'variable "a" {',
      '  type = "string"',
      '}',
      'variable "b" {',
      '  type = list',
      '}',
      'resource aws_s3_bucket this {',
      '  bucket = "${var.a}"',
      '  acl    = "${var.a}-x"',
      '}',
      '',
    ].join('\n');

    // Act
    const formatted = await formatTerraform(text);

    // Assess
    expect(formatted).toContain('  type = string\n');
    expect(formatted).toContain('  type = list(any)\n');
    expect(formatted).toContain('resource "aws_s3_bucket" "this" {');
    expect(formatted).toContain('  bucket = var.a\n');
    expect(formatted).toContain('  acl    = "${var.a}-x"\n');
  });

  it('leaves provider-defined function calls intact, which hclwrite alone splits apart', async () => {
    // Prepare
    const text = 'output "region" {\n  value = provider::aws::arn_parse(var.arn).region\n}\n';

    // Act
    const formatted = await formatTerraform(text);

    // Assess
    expect(formatted).toBe(text);
  });

  it('leaves heredoc bodies alone, even lines that look like rewritable HCL', async () => {
    // Prepare
    const text = 'locals {\n  script = <<-EOT\n    name = "${var.a}"\n    resource aws_x y {\n  EOT\n}\n';

    // Act
    const formatted = await formatTerraform(text);

    // Assess
    expect(formatted).toBe(text);
  });

  it('reports an unformatted file at its first differing line', async () => {
    // Prepare / Act
    const report = await checkFixture('fmt');

    // Assess
    expect(lineRules(report)).toEqual(['2 fmt']);
  });

  it('writes the formatted file with --fix, after which the file is clean', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'tf-fmt-'));
    await cp(join(packageDir, 'tests/fixtures/fmt'), dir, { recursive: true });

    // Act
    const fixing = await checkTerraform([dir], { fix: true });
    const after = await checkTerraform([dir]);

    // Assess
    expect(fixing.fixedFiles).toHaveLength(1);
    expect(after.findings).toEqual([]);
    const written = await readFile(join(dir, 'main.tf'), 'utf8');
    expect(written).toContain('resource "aws_cloudwatch_log_group" "this" {\n  name              = var.name\n');
    expect(written).toContain('provider::aws::arn_parse(');
  });
});
