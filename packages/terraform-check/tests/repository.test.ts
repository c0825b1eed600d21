import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTerraform } from '../src/checker.js';
import { formatFinding } from '../src/findings.js';
import { renderReport } from '../src/report.js';
import { PACKAGE_DIR } from './fixture-check.js';

const TERRAFORM_DIR = join(PACKAGE_DIR, '../../terraform');

describe("the repository's Terraform", () => {
  it('has every module of the stack, each with the terraform-aws-modules file layout', async () => {
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
    const layouts = await Promise.all(modules.map(async (name) => [name, (await readdir(join(TERRAFORM_DIR, 'modules', name))).sort()] as const));

    // Assess
    expect(modules.sort()).toEqual(expected);
    for (const [name, files] of layouts) {
      expect({ name, files }).toEqual({
        name,
        files: expect.arrayContaining(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']),
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
