import { describe, expect, it } from '@jest/globals';
import { checkFixture } from './fixture-check.js';

describe('the AWS provider floor', () => {
  it('reports every default value, attribute and child module the declared floor cannot provide, on required_providers', async () => {
    // Prepare / Act
    const report = await checkFixture('provider-floor');

    // Assess
    const floor = report.findings.filter((finding) => finding.rule === 'validate/provider-floor');
    expect(floor.map((finding) => `${finding.file}:${finding.line}`)).toEqual([
      'tests/fixtures/provider-floor/versions.tf:4',
      'tests/fixtures/provider-floor/versions.tf:4',
      'tests/fixtures/provider-floor/versions.tf:4',
    ]);
    expect(floor.map((finding) => finding.message)).toEqual([
      '">= 5.90" allows AWS provider 5.90.0, but aws_lambda_function.this.runtime can be "nodejs24.x" (var.runtime accepts it), which needs AWS provider 6.19.0 (terraform-provider-aws CHANGELOG 6.19.0, https://github.com/hashicorp/terraform-provider-aws/pull/45024 (issue #44986)): raise the floor to ">= 6.19.0"',
      expect.stringContaining("data.aws_region's region attribute needs AWS provider 6.0.0"),
      '">= 5.90" allows AWS provider 5.90.0, but module.child requires AWS provider 6.30.0: raise the floor to ">= 6.30.0"',
    ]);
  });

  it('follows nested blocks, dynamic blocks and values inside them: native blue/green at 6.4, canary only from 6.21', async () => {
    // Prepare / Act
    const report = await checkFixture('provider-floor-ecs');

    // Assess
    const floor = report.findings.filter((finding) => finding.rule === 'validate/provider-floor').map((finding) => finding.message);
    expect(floor).toEqual([
      expect.stringContaining('aws_ecs_service.this sets deployment_configuration.canary_configuration, which needs AWS provider 6.21.0'),
      expect.stringContaining('aws_ecs_service.this.deployment_configuration.strategy can be "CANARY" (var.strategy accepts it), which needs AWS provider 6.21.0'),
    ]);
    expect(floor.every((message) => message.startsWith('">= 6.4" allows AWS provider 6.4.0') && message.endsWith('raise the floor to ">= 6.21.0"'))).toBe(true);
  });

  it('accepts a floor that provides everything the module uses', async () => {
    // Prepare / Act
    const report = await checkFixture('good');

    // Assess
    expect(report.findings.filter((finding) => finding.rule === 'validate/provider-floor')).toEqual([]);
  });
});
