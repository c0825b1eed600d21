import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import { blocksOf, isObject } from '../hcl.js';
import type { TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import type { ProviderSchema } from '../schema.js';
import { satisfies } from '../version-constraint.js';

/** The checker validates against one provider version: a module requiring another would be checked against the wrong schema. */
function validateProviderVersion(module: TfModule, schema: ProviderSchema): Finding[] {
  const version = schema.provenance.provider_version;
  const findings: Finding[] = [];
  for (const terraform of module.terraformBlocks) {
    for (const providers of blocksOf(terraform.body.required_providers)) {
      const aws = providers.aws;
      const constraint = isObject(aws) && typeof aws.version === 'string' ? aws.version : undefined;
      if (constraint !== undefined && !satisfies(version, constraint)) {
        const message = `the checker's schema is AWS provider ${version}, which does not satisfy "${constraint}": regenerate the schema for a matching provider`;
        findings.push(findingAt(terraform, 'required_providers', RULE.providerVersion, message));
      }
    }
  }
  return findings;
}

export { validateProviderVersion };
