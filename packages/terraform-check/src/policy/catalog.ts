import { albRules } from './alb-rules.js';
import { blueGreenRules } from './blue-green-rules.js';
import { ecrRules } from './ecr-rules.js';
import { iamRules } from './iam-rules.js';
import { oidcRules } from './oidc-rules.js';
import type { PolicyRule } from './policy-rule.js';
import { s3Rules } from './s3-rules.js';
import { securityGroupRules } from './security-group-rules.js';
import { serviceRules } from './service-rules.js';
import { trustRules } from './trust-rules.js';

const policyRules: readonly PolicyRule[] = [
  ...s3Rules,
  ...ecrRules,
  ...albRules,
  ...securityGroupRules,
  ...serviceRules,
  ...iamRules,
  ...oidcRules,
  ...trustRules,
  ...blueGreenRules,
];

export { policyRules };
