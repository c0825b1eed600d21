import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import type { TfModule } from '../module-loader.js';
import { policyRules } from './catalog.js';
import type { PolicyContext, PolicyRule } from './policy-rule.js';
import { ValueResolver } from './values.js';

const runPolicies = async (module: TfModule, rules: readonly PolicyRule[] = policyRules): Promise<Finding[]> => {
  const context: PolicyContext = {
    module,
    values: new ValueResolver(module),
    resources: (...types) => module.resources.filter((block) => types.includes(block.labels[0] ?? '')),
  };
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const hit of await rule.check(context)) findings.push(findingAt(hit.block, hit.member, rule.id, hit.message));
  }
  return findings;
};

export { runPolicies };
