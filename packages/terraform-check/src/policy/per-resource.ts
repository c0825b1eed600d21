import type { TfBlock } from '../module-loader.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';

type ResourceCheck = (block: TfBlock, context: PolicyContext) => Promise<PolicyHit | PolicyHit[] | undefined>;

/** A rule that looks at each resource of the given types on its own. */
const perResource = (rule: Omit<PolicyRule, 'check'>, types: readonly string[], check: ResourceCheck): PolicyRule => {
  return {
    ...rule,
    async check(context) {
      const hits: PolicyHit[] = [];
      for (const block of context.resources(...types)) {
        const result = await check(block, context);
        if (result) hits.push(...(Array.isArray(result) ? result : [result]));
      }
      return hits;
    },
  };
};

export { perResource };
