import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import { blocksOf, isObject } from '../hcl.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import type { ProviderSchema } from '../schema.js';
import { satisfies } from '../version-constraint.js';

/** Every `required_providers.aws.version` of the module, with the terraform block declaring it. */
const awsVersionConstraints = (module: TfModule): { readonly block: TfBlock; readonly constraint: string }[] => {
  return module.terraformBlocks.flatMap((block) =>
    blocksOf(block.body.required_providers).flatMap((providers) => {
      const aws = providers.aws;
      return isObject(aws) && typeof aws.version === 'string' ? [{ block, constraint: aws.version }] : [];
    }),
  );
};

/** The checker validates against one provider version: a module requiring another would be checked against the wrong schema. */
const validateProviderVersion = (module: TfModule, schema: ProviderSchema): Finding[] => {
  const version = schema.provenance.provider_version;
  return awsVersionConstraints(module)
    .filter(({ constraint }) => !satisfies(version, constraint))
    .map(({ block, constraint }) => {
      const message = `the checker's schema is AWS provider ${version}, which does not satisfy "${constraint}": regenerate the schema for a matching provider`;
      return findingAt(block, 'required_providers', RULE.providerVersion, message);
    });
};

export { awsVersionConstraints, validateProviderVersion };
