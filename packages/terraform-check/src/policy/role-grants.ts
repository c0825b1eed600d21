import { blocksOf, soleInterpolation, type HclValue } from '../hcl.js';
import type { TfBlock } from '../module-loader.js';
import { statementsOf, type Statement } from './policy-documents.js';
import type { PolicyContext } from './policy-rule.js';
import { refersTo } from './values.js';

const PASS_TO_ECS_TASKS = { test: 'StringLike', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] } as const;

/**
 * The iam:PassRole statements of the AWS managed policies made for CodeDeploy's ECS service role (AWS Managed
 * Policy Reference, AWSCodeDeployRoleForECS and AWSCodeDeployRoleForECSLimited): the first passes any role to
 * ECS tasks, the limited one only roles named ecsTaskExecutionRole or ECSTaskExecution*. Their other statements
 * do not matter to the rules that read grants.
 */
const managedPolicyStatements: Readonly<Record<string, readonly Statement[]>> = {
  AWSCodeDeployRoleForECS: [{ effect: 'Allow', actions: ['iam:PassRole'], resources: ['*'], principals: [], conditions: [PASS_TO_ECS_TASKS] }],
  AWSCodeDeployRoleForECSLimited: [
    {
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: ['arn:aws:iam::*:role/ecsTaskExecutionRole', 'arn:aws:iam::*:role/ECSTaskExecution*'],
      principals: [],
      conditions: [PASS_TO_ECS_TASKS],
    },
  ],
};

// Resources that attach policies to a role besides aws_iam_role_policy(_attachment); their policies are not read.
const OTHER_ATTACHMENTS = ['aws_iam_policy_attachment', 'aws_iam_role_policies_exclusive', 'aws_iam_role_policy_attachments_exclusive'];

interface RoleGrants {
  readonly statements: readonly Statement[];
  /** False when some policy of the role cannot be read offline (a variable ARN, an unknown managed policy). */
  readonly complete: boolean;
}

/** The policy ARN's statements: a policy of this module, a managed policy listed above, or unknown. */
const attachedStatements = async (context: PolicyContext, policyArn: HclValue | undefined): Promise<Statement[] | undefined> => {
  const local = /^aws_iam_policy\.(\w+)\.arn$/.exec(soleInterpolation(policyArn)?.trim() ?? '')?.[1];
  if (local !== undefined) {
    const policy = context.resources('aws_iam_policy').find((block) => block.labels[1] === local);
    return policy ? statementsOf(context.module, context.values, policy.body.policy) : undefined;
  }
  const managed = typeof policyArn === 'string' ? /:iam::aws:policy\/(?:service-role\/)?([\w+=,.@-]+)$/.exec(policyArn)?.[1] : undefined;
  const statements = managed === undefined ? undefined : managedPolicyStatements[managed];
  return statements ? [...statements] : undefined;
};

/** Everything `role` is allowed by the policies this module gives it: inline, attached, and known managed ones. */
const grantsOf = async (context: PolicyContext, role: TfBlock): Promise<RoleGrants> => {
  const address = `aws_iam_role.${role.labels[1] ?? ''}`;
  const sources: (Statement[] | undefined)[] = [];
  for (const inline of blocksOf(role.body.inline_policy)) sources.push(await statementsOf(context.module, context.values, inline.policy));
  for (const policy of context.resources('aws_iam_role_policy').filter((block) => refersTo(block.body.role, address))) {
    sources.push(await statementsOf(context.module, context.values, policy.body.policy));
  }
  for (const attachment of context.resources('aws_iam_role_policy_attachment').filter((block) => refersTo(block.body.role, address))) {
    sources.push(await attachedStatements(context, attachment.body.policy_arn));
  }
  const unread = 'managed_policy_arns' in role.body || context.resources(...OTHER_ATTACHMENTS).some((block) => refersTo(block.body, address));
  return { statements: sources.flatMap((statements) => statements ?? []), complete: !unread && sources.every((statements) => statements !== undefined) };
};

export { grantsOf, type RoleGrants };
