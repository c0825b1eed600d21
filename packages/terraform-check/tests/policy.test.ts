import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { POLICY_RULES } from '../src/policy/catalog.js';
import { checkFixture, lineRules, PACKAGE_DIR } from './fixture-check.js';

describe('security policy', () => {
  it.each([
    ['s3', ['1 CKV2_AWS_6', '1 CKV_AWS_19', '1 CKV_AWS_21', '1 GL_S3_TLS_ONLY', '5 CKV_AWS_19', '5 GL_S3_TLS_ONLY', '12 CKV2_AWS_6', '20 CKV_AWS_21']],
    ['ecr', ['7 CKV_AWS_163', '7 CKV_AWS_51', '13 CKV_AWS_51', '15 CKV_AWS_163']],
    ['alb', ['1 CKV_AWS_131', '9 CKV_AWS_103', '23 CKV2_AWS_20']],
    ['security-groups', ['12 GL_TEST_LISTENER_PUBLIC', '29 CKV_AWS_23', '34 AVD-AWS-0107', '34 CKV_AWS_23', '42 AVD-AWS-0107']],
    ['iam', ['20 AVD-AWS-0057', '20 AVD-AWS-0342', '20 CKV_AWS_63', '26 AVD-AWS-0342', '57 AVD-AWS-0057']],
    ['oidc', ['30 CKV_AWS_358', '30 GL_OIDC_AUDIENCE', '35 CKV_AWS_358']],
    ['services', ['1 CKV_AWS_66', '17 CKV_AWS_316', '25 CKV_AWS_50', '35 CKV_AWS_334', '35 CKV_AWS_336', '55 CKV_AWS_333', '74 CKV_AWS_336']],
    [
      'blue-green',
      ['39 GL_CODEDEPLOY_PASS_TASK_ROLES', '70 GL_CODEDEPLOY_PASS_TASK_ROLES', '128 GL_CODE_DEPLOY_IGNORE_CHANGES', '168 GL_BLUE_GREEN_REQUEST_COUNT', '195 GL_BLUE_GREEN_REQUEST_COUNT'],
    ],
    ['codedeploy-limited', ['24 GL_CODEDEPLOY_PASS_TASK_ROLES', '72 GL_CODEDEPLOY_PASS_TASK_ROLES']],
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
    expect(POLICY_RULES.find((rule) => rule.id === 'GL_CODE_DEPLOY_IGNORE_CHANGES')?.waivable).toBe(false);
  });

  it('gives every rule the scanner id or the AWS page it mirrors, and unique ids', () => {
    // Prepare
    const ids = POLICY_RULES.map((rule) => rule.id);

    // Act
    const unmirrored = POLICY_RULES.filter((rule) => !/checkov|trivy|Security Hub|GitHub|AWS: /.test(rule.mirrors));

    // Assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(unmirrored).toEqual([]);
  });

  it('documents every rule in the README table with the id, mirrored rules and waivability of the code', () => {
    // Prepare
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');

    // Act
    const missing = POLICY_RULES.filter(
      (rule) => !readme.includes(`| ${rule.id} | ${rule.mirrors} | ${rule.title} | ${rule.waivable ? 'yes' : '**no**'} |`),
    );

    // Assess
    expect(missing.map((rule) => rule.id)).toEqual([]);
  });
});
