import { describe, expect, it } from '@jest/globals';
import { checkFixture } from './fixture-check.js';

describe("AWS's naming rules for derived names", () => {
  it('reports every name a variable value its validation accepts makes AWS reject, on the name argument', async () => {
    // Prepare / Act
    const report = await checkFixture('aws-names');

    // Assess
    const names = report.findings.filter((finding) => finding.rule === 'validate/aws-name');
    expect(names.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '28 validate/aws-name',
      '34 validate/aws-name',
      '40 validate/aws-name',
      '62 validate/aws-name',
      '66 validate/aws-name',
    ]);
  });

  it('names the value, the variable it comes from, the rule broken and the API reference', async () => {
    // Prepare / Act
    const report = await checkFixture('aws-names');

    // Assess
    const messages = report.findings.filter((finding) => finding.rule === 'validate/aws-name').map((finding) => finding.message);
    expect(messages[0]).toBe(
      'aws_lb.this.name can be "internal-" with var.name = "internal-", which ELBv2 CreateLoadBalancer Name rejects: it must not begin with "internal-" (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html)',
    );
    expect(messages[1]).toContain('aws_lb.truncated.name can be "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-"');
    expect(messages[1]).toContain('it must not end with "-"');
    expect(messages[2]).toContain('with var.unvalidated = "-a"');
    expect(messages[3]).toContain('S3 CreateBucket Bucket rejects: it must not begin with "xn--"');
    expect(messages[4]).toContain('EC2 CreateSecurityGroup GroupName rejects: it must not begin with "sg-"');
  });

  it('leaves a name that fits for every accepted value alone (CodeDeployHook_<24 characters>_<event> is 61 characters)', async () => {
    // Prepare / Act
    const report = await checkFixture('aws-names');

    // Assess
    expect(report.findings.filter((finding) => finding.message.includes('aws_lambda_function.hook'))).toEqual([]);
  });
});
