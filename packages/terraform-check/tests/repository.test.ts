import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTerraform } from '../src/checker.js';
import { formatFinding } from '../src/findings.js';
import { renderReport } from '../src/report.js';
import { PACKAGE_DIR } from './fixture-check.js';

const TERRAFORM_DIR = join(PACKAGE_DIR, '../../terraform');

describe("the repository's Terraform", () => {
  it('has every module of the stack, each with the terraform-aws-modules file layout and generated README tables', async () => {
    // Prepare
    const expected = [
      'bluegreen-stack',
      'codedeploy',
      'ecr',
      'ecs-service',
      'github-oidc',
      'lifecycle-hooks',
      'load-balancer',
      'network',
      'pipeline',
    ];

    // Act
    const modules = (await readdir(join(TERRAFORM_DIR, 'modules'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const layouts = await Promise.all(
      modules.map(async (name) => {
        const dir = join(TERRAFORM_DIR, 'modules', name);
        const files = (await readdir(dir)).sort();
        // Without the markers the docs check has no tables to compare, so drift would pass unnoticed.
        const readme = files.includes('README.md') ? await readFile(join(dir, 'README.md'), 'utf8') : '';
        return { name, files, generatedTables: readme.includes('<!-- BEGIN_TF_DOCS -->') && readme.includes('<!-- END_TF_DOCS -->') };
      }),
    );

    // Assess
    expect(modules.sort()).toEqual(expected);
    for (const layout of layouts) {
      expect(layout).toEqual({
        name: layout.name,
        files: expect.arrayContaining(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']),
        generatedTables: true,
      });
    }
  });

  it('passes fmt, validate, policy and docs with zero errors', async () => {
    // Prepare / Act
    const report = await checkTerraform([TERRAFORM_DIR], { cwd: PACKAGE_DIR });
    process.stdout.write(renderReport(report));

    // Assess
    const errors = report.findings.filter((finding) => finding.severity === 'error').map(formatFinding);
    expect(errors).toEqual([]);
    expect(report.modules).toBeGreaterThan(1);
    for (const { waiver } of report.waivers) expect(waiver.reason.length).toBeGreaterThan(10);
  });
});
