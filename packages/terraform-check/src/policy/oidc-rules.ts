import type { TfBlock } from '../module-loader.js';
import { statementsOf, type Statement } from './policy-documents.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

const isGitHubFederation = (statement: Statement): boolean => {
  const federated = statement.principals.filter((principal) => principal.type === 'Federated');
  const trustsGitHub = federated.some((principal) =>
    principal.identifiers.some((identifier) => identifier.includes(GITHUB_ISSUER) || identifier.includes('aws_iam_openid_connect_provider')),
  );
  const mentionsGitHub = statement.conditions.some((condition) => condition.variable.includes(GITHUB_ISSUER));
  return statement.actions.includes('sts:AssumeRoleWithWebIdentity') && (trustsGitHub || mentionsGitHub);
};

const values = (statement: Statement, claim: string): string[] | undefined => {
  const matching = statement.conditions.filter((condition) => condition.variable.endsWith(`:${claim}`));
  return matching.length === 0 ? undefined : matching.flatMap((condition) => condition.values);
};

/**
 * A `sub` that any repository, or any ref of one, can present: `*`, `repo:org/*:...`, `repo:org/app:*`.
 * Subjects built from expressions are known only at plan time and pass.
 */
const unpinned = (sub: string): boolean => {
  if (sub.includes('${')) return false;
  return !/^repo:[^*:/]+\/[^*:/]+:/.test(sub) || /:\*$/.test(sub);
};

const trustStatements = async (context: PolicyContext): Promise<{ role: TfBlock; statement: Statement }[]> => {
  const found: { role: TfBlock; statement: Statement }[] = [];
  for (const role of context.resources('aws_iam_role')) {
    const statements = (await statementsOf(context.module, context.values, role.body.assume_role_policy)) ?? [];
    for (const statement of statements.filter(isGitHubFederation)) found.push({ role, statement });
  }
  return found;
};

const trustRule = (rule: Omit<PolicyRule, 'check'>, problem: (statement: Statement) => string | undefined): PolicyRule => {
  return {
    ...rule,
    async check(context) {
      const hits: PolicyHit[] = [];
      for (const { role, statement } of await trustStatements(context)) {
        const message = problem(statement);
        if (message) hits.push({ block: role, member: 'assume_role_policy', message: `${role.labels.join('.')}: ${message}` });
      }
      return hits;
    },
  };
};

const pinnedSubject = trustRule(
  { id: 'CKV_AWS_358', mirrors: 'checkov CKV_AWS_358', title: 'GitHub OIDC trust pins the sub claim to a repository and refs', waivable: true },
  (statement) => {
    const subs = values(statement, 'sub');
    if (!subs) return `trusts GitHub OIDC without a ${GITHUB_ISSUER}:sub condition: any repository could assume it`;
    const loose = subs.filter(unpinned);
    return loose.length > 0 ? `sub ${loose.map((sub) => `"${sub}"`).join(', ')} is not pinned: name the repository and its branches or environments` : undefined;
  },
);

const audience = trustRule(
  { id: 'GL_OIDC_AUDIENCE', mirrors: "GitHub's OIDC hardening guide (aud = sts.amazonaws.com); checkov CKV_AWS_358 family", title: 'GitHub OIDC trust checks the aud claim', waivable: true },
  (statement) => {
    const audiences = values(statement, 'aud');
    if (!audiences) return `trusts GitHub OIDC without a ${GITHUB_ISSUER}:aud = "sts.amazonaws.com" condition`;
    return audiences.includes('*') ? 'accepts any aud: require "sts.amazonaws.com"' : undefined;
  },
);

const oidcRules: readonly PolicyRule[] = [pinnedSubject, audience];

export { oidcRules };
