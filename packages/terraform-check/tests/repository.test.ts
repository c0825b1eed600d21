import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTerraform } from '../src/checker.js';
import { formatFinding } from '../src/findings.js';
import { blocksOf } from '../src/hcl.js';
import { loadModule } from '../src/module-loader.js';
import { renderReport } from '../src/report.js';
import { packageDir } from './fixture-check.js';

const terraformDir = join(packageDir, '../../terraform');

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
    const modules = (await readdir(join(terraformDir, 'modules'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const layouts = await Promise.all(
      modules.map(async (name) => {
        const dir = join(terraformDir, 'modules', name);
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

  it('offers the same CloudWatch Logs retention periods in every module that validates a retention variable', async () => {
    // Prepare
    // Terraform variable validations cannot share a constant across modules, so each module carries the list;
    // this keeps the copies from drifting apart.
    const modules = (await readdir(join(terraformDir, 'modules'), { withFileTypes: true })).filter((entry) => entry.isDirectory());

    // Act
    const lists = (
      await Promise.all(
        modules.map(async (entry) => {
          const source = await readFile(join(terraformDir, 'modules', entry.name, 'variables.tf'), 'utf8');
          return [...source.matchAll(/contains\(\[([\d, ]+)\], var\.\w*retention_in_days\)/g)].map((match) => ({
            module: entry.name,
            periods: match[1] ?? '',
          }));
        }),
      )
    ).flat();

    // Assess
    expect(lists.length).toBeGreaterThanOrEqual(5);
    const first = lists[0]?.periods;
    expect(lists.filter((list) => list.periods !== first)).toEqual([]);
  });

  it('refuses at plan time a bluegreen-stack with a certificate but no domain name, naming domain_name', async () => {
    // Prepare
    // Without domain_name the hooks would verify green's certificate against the load balancer's DNS name, which
    // is not on it, and fail every deployment.
    const stack = await loadModule(join(terraformDir, 'modules', 'bluegreen-stack'));

    // Act
    const preconditions = stack.outputs.flatMap((output) => blocksOf(output.body.precondition));
    const guard = preconditions.find((precondition) => JSON.stringify(precondition.condition).includes('var.domain_name != null'));

    // Assess
    expect(guard?.condition).toMatch(/^\$\{!local\.https \|\| var\.domain_name != null\}$/);
    expect(stack.localBlocks.some((block) => block.body.https === '${var.certificate_arn != null}')).toBe(true);
    expect(guard?.error_message).toMatch(/^domain_name is null while certificate_arn is set: set domain_name to /);
  });

  it('passes validate and policy with zero errors under the ECS deployment controller too', async () => {
    // Prepare
    // deployment_controller switches every module (and the example) between CodeDeploy and ECS native blue/green;
    // the native variant has its own resources, trusts and permissions, judged here as Terraform would plan them.
    const inputs = new Map([['deployment_controller', 'ECS']]);

    // Act
    const report = await checkTerraform([terraformDir], { cwd: packageDir, inputs });

    // Assess
    const errors = report.findings.filter((finding) => finding.severity === 'error').map(formatFinding);
    expect(errors).toEqual([]);
    expect(report.modules).toBeGreaterThan(1);
  });

  it('passes fmt, validate, policy and docs with zero errors', async () => {
    // Prepare / Act
    const report = await checkTerraform([terraformDir], { cwd: packageDir });
    process.stdout.write(renderReport(report));

    // Assess
    const errors = report.findings.filter((finding) => finding.severity === 'error').map(formatFinding);
    expect(errors).toEqual([]);
    expect(report.modules).toBeGreaterThan(1);
    for (const { waiver } of report.waivers) expect(waiver.reason.length).toBeGreaterThan(10);
  });
});
