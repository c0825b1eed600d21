import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { policyRules } from '../src/policy/catalog.js';
import { checkFixture, lineRules, packageDir } from './fixture-check.js';

describe('security policy', () => {
  it.each([
    ['s3', ['1 CKV2_AWS_6', '1 CKV_AWS_19', '1 CKV_AWS_21', '1 GL_S3_TLS_ONLY', '5 CKV_AWS_19', '5 GL_S3_TLS_ONLY', '12 CKV2_AWS_6', '20 CKV_AWS_21']],
    ['ecr', ['7 CKV_AWS_163', '7 CKV_AWS_51', '13 CKV_AWS_51', '15 CKV_AWS_163']],
    ['alb', ['1 CKV_AWS_131', '9 CKV_AWS_103', '23 CKV2_AWS_20']],
    [
      'security-groups',
      [
        '12 GL_TEST_LISTENER_PUBLIC',
        '29 CKV_AWS_23',
        '34 AVD-AWS-0107',
        '34 CKV_AWS_23',
        '42 AVD-AWS-0107',
        '58 GL_TEST_LISTENER_PUBLIC',
        '67 GL_TEST_LISTENER_PUBLIC',
        '90 AVD-AWS-0107',
        '99 AVD-AWS-0107',
      ],
    ],
    [
      'iam',
      [
        '20 AVD-AWS-0057',
        '20 AVD-AWS-0342',
        '20 CKV_AWS_355',
        '20 CKV_AWS_63',
        '26 AVD-AWS-0342',
        '57 AVD-AWS-0057',
        '83 CKV_AWS_355',
        '83 GL_IAM_NO_RESOURCE_TYPE',
        '106 AVD-AWS-0057',
      ],
    ],
    ['trust', ['21 GL_TRUST_SOURCE_KEYS', '27 GL_TRUST_SOURCE_KEYS', '66 GL_TRUST_SOURCE_KEYS', '87 GL_TRUST_SOURCE_KEYS', '131 GL_TRUST_SOURCE_KEYS', '161 GL_TRUST_SOURCE_KEYS']],
    ['oidc', ['30 CKV_AWS_358', '30 GL_OIDC_AUDIENCE', '35 CKV_AWS_358']],
    ['services', ['1 CKV_AWS_66', '17 CKV_AWS_316', '25 CKV_AWS_50', '35 CKV_AWS_334', '35 CKV_AWS_336', '55 CKV_AWS_333', '74 CKV_AWS_336']],
    [
      'blue-green',
      ['39 GL_CODEDEPLOY_PASS_TASK_ROLES', '70 GL_CODEDEPLOY_PASS_TASK_ROLES', '128 GL_CODE_DEPLOY_IGNORE_CHANGES', '168 GL_BLUE_GREEN_REQUEST_COUNT', '195 GL_BLUE_GREEN_REQUEST_COUNT'],
    ],
    ['codedeploy-limited', ['24 GL_CODEDEPLOY_PASS_TASK_ROLES', '72 GL_CODEDEPLOY_PASS_TASK_ROLES']],
    ['listener-rules', ['76 GL_TEST_LISTENER_RULE_PRIVATE', '112 GL_TEST_LISTENER_RULE_PRIVATE', '151 GL_TEST_LISTENER_RULE_PRIVATE']],
  ])('fires every %s rule on the offending line', async (fixture, expected) => {
    // Prepare / Act
    const report = await checkFixture(fixture);

    // Assess
    expect(lineRules(report)).toEqual(expected);
  });

  it('resolves variable defaults: a world-open list passed through a variable still opens the test listener', async () => {
    // Prepare / Act
    const report = await checkFixture('security-groups');

    // Assess
    const testListener = report.findings.find((finding) => finding.rule === 'GL_TEST_LISTENER_PUBLIC');
    expect(testListener?.message).toContain('opens port 8443');
  });

  it('reads both aws_iam_policy_document data sources and jsonencode() policies', async () => {
    // Prepare / Act
    const report = await checkFixture('iam');

    // Assess
    const passRole = report.findings.filter((finding) => finding.rule === 'AVD-AWS-0342').map((finding) => finding.message);
    expect(passRole).toEqual([
      'aws_iam_policy.deploy: allows iam:PassRole on "*": name the roles that may be passed',
      'aws_iam_role_policy.inline: allows iam:PassRole without an iam:PassedToService condition: say which service may receive the role',
    ]);
  });

  it('judges the union of a group\'s sources: 0.0.0.0/1 and 128.0.0.0/1 together open the test listener to the internet', async () => {
    // Prepare / Act
    const report = await checkFixture('security-groups');

    // Assess
    const testListener = report.findings.filter((finding) => finding.rule === 'GL_TEST_LISTENER_PUBLIC').map((finding) => finding.message);
    expect(testListener).toContain(
      "aws_vpc_security_group_ingress_rule.test_lower_half opens port 8443 (the test listener, serving the untested green version) to the internet (with the group's other sources, every address): allow only private ranges and the hooks' security group",
    );
    expect(testListener.some((message) => message.includes('aws_security_group.private'))).toBe(false);
  });

  it('grants actions without a resource type on "*" only, and scopes actions that have one', async () => {
    // Prepare / Act
    const report = await checkFixture('iam');

    // Assess
    const messages = report.findings.filter((finding) => finding.line === 83).map((finding) => finding.message);
    expect(messages).toEqual([
      'aws_iam_role_policy.codedeploy: allows ecs:RegisterTaskDefinition on "*", though the Service Authorization Reference gives these actions resource types: name the resources',
      'aws_iam_role_policy.codedeploy: the Service Authorization Reference gives codedeploy:GetDeploymentTarget, codedeploy:StopDeployment no resource type: IAM evaluates such actions against "*", so a statement on arn:aws:codedeploy:eu-west-1:123456789012:deploymentgroup:app/group never allows them; grant them on "*" (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodedeploy.html)',
    ]);
  });

  it('requires exactly the source keys a service documents: none for Lambda and the ECS execution role, a guard for CodeDeploy', async () => {
    // Prepare / Act
    const report = await checkFixture('trust');

    // Assess
    const messages = report.findings.map((finding) => finding.message);
    expect(messages).toEqual([
      expect.stringContaining('aws_iam_role.lambda: trust of lambda.amazonaws.com requires aws:SourceAccount, but its guide does not document sending it'),
      expect.stringContaining('aws_iam_role.codedeploy: trust of codedeploy.amazonaws.com has no aws:SourceAccount or aws:SourceArn condition'),
      expect.stringContaining('aws_iam_role.execution: trust of ecs-tasks.amazonaws.com (as the task execution role) requires aws:SourceAccount'),
      expect.stringContaining('aws_iam_role.scheduler: trust of scheduler.amazonaws.com requires aws:SourceArn, but no source in this checker says it sends it'),
      expect.stringContaining('aws_iam_role.per_role_lambda: trust of lambda.amazonaws.com requires aws:SourceAccount, but its guide does not document sending it'),
      expect.stringContaining('aws_iam_role.counted: trust of lambda.amazonaws.com requires aws:SourceArn, but its guide does not document sending it'),
    ]);
  });

  it('keeps the native test listener rule off listeners the internet reaches, whether labelled test or the test entry of a for_each', async () => {
    // Prepare / Act
    const report = await checkFixture('listener-rules');

    // Assess
    expect(report.findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('aws_lb_listener_rule.test: the test listener rule is on aws_lb_listener.production (port 443), which aws_vpc_security_group_ingress_rule.production opens to the internet'),
      expect.stringContaining('aws_lb_listener_rule.swapped: the test listener rule is on aws_lb_listener.production (port 443)'),
      expect.stringContaining('aws_ecs_service.this: test_listener_rule is the production_listener_rule'),
    ]);
    expect(report.findings.some((finding) => finding.message.includes('per_listener'))).toBe(false);
  });

  it('flags wildcard repositories and refs in the OIDC sub, and lets pinned or plan-time subjects pass', async () => {
    // Prepare / Act
    const report = await checkFixture('oidc');

    // Assess
    const subject = report.findings.find((finding) => finding.rule === 'CKV_AWS_358' && finding.line === 30);
    expect(subject?.message).toBe(
      'aws_iam_role.wide: sub "repo:acme/app:*", "repo:acme/*:ref:refs/heads/main" is not pinned: name the repository and its branches or environments',
    );
  });

  it('names the task definition roles a CodeDeploy service role cannot pass to ECS, and lets a role passing both be', async () => {
    // Prepare / Act
    const report = await checkFixture('blue-green');

    // Assess
    const passRole = report.findings.filter((finding) => finding.rule === 'GL_CODEDEPLOY_PASS_TASK_ROLES').map((finding) => finding.message.split(' to ECS:')[0]);
    expect(passRole).toEqual([
      'aws_codedeploy_deployment_group.limited: its service role aws_iam_role.limited cannot pass aws_iam_role.execution.arn, aws_iam_role.task.arn',
      'aws_codedeploy_deployment_group.partial: its service role aws_iam_role.partial cannot pass aws_iam_role.task.arn',
    ]);
  });

  it('tells a deployment group with only AWSCodeDeployRoleForECSLimited which role names it may pass, when the task definition is elsewhere', async () => {
    // Prepare / Act
    const report = await checkFixture('codedeploy-limited');

    // Assess
    const messages = report.findings.map((finding) => finding.message.split(' to ECS')[0]);
    expect(messages).toEqual([
      'aws_codedeploy_deployment_group.this: its service role aws_iam_role.this may pass only roles matching arn:aws:iam::*:role/ecsTaskExecutionRole, arn:aws:iam::*:role/ECSTaskExecution*',
      'aws_codedeploy_deployment_group.none: its service role aws_iam_role.none may pass no role',
    ]);
  });

  it('lists what a CODE_DEPLOY service sets but does not ignore, in a rule that cannot be waived', async () => {
    // Prepare / Act
    const report = await checkFixture('blue-green');

    // Assess
    const ignore = report.findings.find((finding) => finding.rule === 'GL_CODE_DEPLOY_IGNORE_CHANGES');
    expect(ignore?.message).toContain('aws_ecs_service.this uses the CODE_DEPLOY deployment controller, and UpdateService cannot change its network_configuration, platform_version');
    expect(policyRules.find((rule) => rule.id === 'GL_CODE_DEPLOY_IGNORE_CHANGES')?.waivable).toBe(false);
  });

  it('gives every rule the checkov, trivy or prowler id (or the AWS or GitHub source) it mirrors, and unique ids', () => {
    // Prepare
    const ids = policyRules.map((rule) => rule.id);

    // Act
    const unmirrored = policyRules.filter((rule) => !/checkov|trivy|prowler|Security Hub|GitHub|AWS Service Authorization Reference|AWS: /.test(rule.mirrors));

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(unmirrored).toEqual([]);
  });

  it('documents every rule in the README table with the id, mirrored rules and waivability of the code', () => {
    // Prepare
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');

    // Act
    const missing = policyRules.filter(
      (rule) => !readme.includes(`| ${rule.id} | ${rule.mirrors} | ${rule.title} | ${rule.waivable ? 'yes' : '**no**'} |`),
    );

    // Assess
    expect(missing.map((rule) => rule.id)).toEqual([]);
  });
});
