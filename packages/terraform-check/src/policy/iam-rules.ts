import { blocksOf, soleInterpolation } from '../hcl.js';
import type { TfBlock } from '../module-loader.js';
import { withoutResourceType } from './iam-resource-types.js';
import { statementsOf, type Statement } from './policy-documents.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';

// Identity policies: where wildcards grant this module's roles more than they need. Resource policies
// (bucket, key, repository) legitimately use wildcards in Deny statements and for the account root.
const IDENTITY_POLICIES = [
  { type: 'aws_iam_policy', member: 'policy' },
  { type: 'aws_iam_role_policy', member: 'policy' },
  { type: 'aws_iam_user_policy', member: 'policy' },
  { type: 'aws_iam_group_policy', member: 'policy' },
] as const;

interface PolicySource {
  readonly block: TfBlock;
  readonly member: string;
  readonly statements: readonly Statement[];
}

const identityPolicies = async (context: PolicyContext): Promise<PolicySource[]> => {
  const sources: PolicySource[] = [];
  for (const { type, member } of IDENTITY_POLICIES) {
    for (const block of context.resources(type)) {
      const statements = await statementsOf(context.module, context.values, block.body[member]);
      if (statements) sources.push({ block, member, statements });
    }
  }
  for (const role of context.resources('aws_iam_role')) {
    for (const inline of blocksOf(role.body.inline_policy)) {
      const statements = await statementsOf(context.module, context.values, inline.policy);
      if (statements) sources.push({ block: role, member: 'inline_policy', statements });
    }
  }
  return sources;
};

const allowStatementRule = (
  rule: Omit<PolicyRule, 'check'>,
  problem: (statement: Statement) => string | undefined,
): PolicyRule => {
  return {
    ...rule,
    async check(context) {
      const hits: PolicyHit[] = [];
      for (const { block, member, statements } of await identityPolicies(context)) {
        for (const statement of statements.filter((candidate) => candidate.effect === 'Allow')) {
          const message = problem(statement);
          if (message) hits.push({ block, member, message: `${block.labels.join('.')}: ${message}` });
        }
      }
      return hits;
    },
  };
};

const noStarActions = allowStatementRule(
  { id: 'CKV_AWS_63', mirrors: 'checkov CKV_AWS_62 / CKV_AWS_63', title: 'No IAM statement allows every action', waivable: true },
  (statement) => (statement.actions.includes('*') ? 'allows Action "*": list the actions the role needs' : undefined),
);

const noServiceWildcards = allowStatementRule(
  { id: 'AVD-AWS-0057', mirrors: 'trivy AVD-AWS-0057', title: 'No IAM statement allows every action of a service', waivable: true },
  (statement) => {
    const wildcards = statement.actions.filter((action) => /^[\w-]+:\*$/.test(action));
    return wildcards.length > 0 ? `allows ${wildcards.join(', ')}: list the actions the role needs` : undefined;
  },
);

const scopedPassRole = allowStatementRule(
  { id: 'AVD-AWS-0342', mirrors: 'trivy AVD-AWS-0342 / checkov CKV_AWS_286', title: 'iam:PassRole is scoped to roles and to a service', waivable: true },
  (statement) => {
    if (!statement.actions.some((action) => action === 'iam:PassRole' || action === 'iam:*')) return undefined;
    if (statement.resources.includes('*')) return 'allows iam:PassRole on "*": name the roles that may be passed';
    const conditioned = statement.conditions.some((condition) => condition.variable === 'iam:PassedToService');
    return conditioned ? undefined : 'allows iam:PassRole without an iam:PassedToService condition: say which service may receive the role';
  },
);

const isWildcard = (action: string): boolean => action.includes('*') || action.includes('?');

const unscopableOnStar = allowStatementRule(
  {
    id: 'GL_IAM_NO_RESOURCE_TYPE',
    mirrors: 'AWS Service Authorization Reference: an action without a resource type is evaluated against "*"',
    title: 'Actions without a resource type are granted on "*"',
    waivable: true,
  },
  (statement) => {
    if (statement.resources.includes('*') || statement.resources.length === 0) return undefined;
    const unscopable = statement.actions.filter((action) => !isWildcard(action) && withoutResourceType(action) !== undefined);
    if (unscopable.length === 0) return undefined;
    const source = withoutResourceType(unscopable[0] ?? '') ?? '';
    return `the Service Authorization Reference gives ${unscopable.join(', ')} no resource type: IAM evaluates such actions against "*", so a statement on ${statement.resources.map((resource) => soleInterpolation(resource) ?? resource).join(', ')} never allows them; grant them on "*" (${source})`;
  },
);

const scopableOnStar = allowStatementRule(
  {
    id: 'CKV_AWS_355',
    mirrors: 'checkov CKV_AWS_355 (restrictable actions per the AWS Service Authorization Reference)',
    title: 'No IAM statement allows "*" as the resource of an action that has resource types',
    waivable: true,
  },
  (statement) => {
    if (!statement.resources.includes('*')) return undefined;
    const scopable = statement.actions.filter((action) => !isWildcard(action) && withoutResourceType(action) === undefined);
    return scopable.length > 0 ? `allows ${scopable.join(', ')} on "*", though the Service Authorization Reference gives these actions resource types: name the resources` : undefined;
  },
);

const iamRules: readonly PolicyRule[] = [noStarActions, noServiceWildcards, scopedPassRole, unscopableOnStar, scopableOnStar];

export { iamRules };
