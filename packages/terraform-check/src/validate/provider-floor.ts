import { TerraformEvaluationError } from '../errors.js';
import { bindingsToTry, instances, variablesReadBy } from '../evaluate/bindings.js';
import { Evaluator } from '../evaluate/evaluator.js';
import { type TfValue } from '../evaluate/tf-value.js';
import { acceptedValues } from '../evaluate/variable-values.js';
import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import { blocksOf, expressionsIn, isObject, type HclObject, type HclValue } from '../hcl.js';
import type { ChildModules } from '../module-calls.js';
import { expressionBlocks, type TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import { compareVersions, lowestAllowed } from '../version-constraint.js';
import { providerFeatures, type ArgumentFeature, type AttributeFeature, type ValueFeature } from './provider-features.js';
import { awsVersionConstraints } from './provider-version.js';

interface Requirement {
  readonly since: string;
  readonly why: string;
}

/** The variables that carry the value (their default, or a value their validation allows). */
const describeBinding = (binding: ReadonlyMap<string, TfValue>, value: string): string => {
  const names = [...binding].filter(([, bound]) => bound === value).map(([name]) => `var.${name}`);
  return names.length === 0 ? '' : ` (${names.join(', ')} accepts it)`;
};

/** The nested blocks named `name` in a body: written ones and the contents of `dynamic "name"` blocks. */
const nestedBlocks = (body: HclObject, name: string): HclObject[] => {
  const generated = isObject(body.dynamic) ? blocksOf(body.dynamic[name]).flatMap((spec) => blocksOf(spec.content)) : [];
  return [...blocksOf(body[name]), ...generated];
};

/** The expressions at a dotted path (`deployment_configuration.strategy`) of a resource body. */
const argumentsAt = (body: HclObject, path: string): HclValue[] => {
  const segments = path.split('.');
  const last = segments.pop() ?? '';
  const parents = segments.reduce<HclObject[]>((bodies, segment) => bodies.flatMap((item) => nestedBlocks(item, segment)), [body]);
  return parents.flatMap((parent) => {
    if (last in parent) return [parent[last] ?? null];
    return nestedBlocks(parent, last).length > 0 ? [true] : [];
  });
};

/** Values of the feature's argument the module can send: every value its variables' defaults and validations allow. */
const valueRequirements = async (module: TfModule, feature: ValueFeature): Promise<Requirement[]> => {
  const requirements: Requirement[] = [];
  for (const block of module.resources.filter((resource) => resource.labels[0] === feature.resource)) {
    const expressions = argumentsAt(block.body, feature.argument);
    if (expressions.length === 0) continue;
    const variables = variablesReadBy(module, [...expressions, block.body.for_each]);
    const choices = await Promise.all(variables.map(async (name) => [name, await acceptedValues(module, name)] as const));
    for (const binding of bindingsToTry(choices)) {
      const evaluator = new Evaluator(module, binding);
      const scopes = await instances(evaluator, block);
      const values = await Promise.all(scopes.flatMap((scope) => expressions.map((expression) => evaluator.value(expression, scope).catch(rejected))));
      if (values.includes(feature.value)) {
        requirements.push({
          since: feature.since,
          why: `${block.labels.join('.')}.${feature.argument} can be "${feature.value}"${describeBinding(binding, feature.value)}, which needs AWS provider ${feature.since} (${feature.source})`,
        });
        break;
      }
    }
  }
  return requirements;
};

const rejected = (error: unknown): TfValue => {
  if (error instanceof TerraformEvaluationError) return null;
  throw error;
};

const attributeRequirements = (module: TfModule, feature: AttributeFeature): Requirement[] => {
  const pattern = new RegExp(`\\bdata\\.${feature.dataSource}\\.(\\w+)\\.${feature.attribute}\\b`);
  const user = expressionBlocks(module).find((block) => expressionsIn(block.body).some((expression) => pattern.test(expression)));
  if (!user) return [];
  return [{ since: feature.since, why: `data.${feature.dataSource}'s ${feature.attribute} attribute needs AWS provider ${feature.since} (${feature.source})` }];
};

const argumentRequirements = (module: TfModule, feature: ArgumentFeature): Requirement[] => {
  const user = module.resources.find((block) => block.labels[0] === feature.resource && argumentsAt(block.body, feature.path).length > 0);
  if (!user) return [];
  return [{ since: feature.since, why: `${user.labels.join('.')} sets ${feature.path}, which needs AWS provider ${feature.since} (${feature.source})` }];
};

const floorOf = (module: TfModule): string | undefined => {
  const constraints = awsVersionConstraints(module);
  if (constraints.length === 0) return undefined;
  return constraints.map(({ constraint }) => lowestAllowed(constraint)).reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b));
};

/**
 * The lowest AWS provider the module's required_providers allows must accept every value and attribute it uses
 * (PROVIDER_FEATURES) and satisfy the floors of its local child modules.
 */
const validateProviderFloor = async (module: TfModule, children: ChildModules): Promise<Finding[]> => {
  const [declared] = awsVersionConstraints(module);
  const floor = floorOf(module);
  if (!declared || floor === undefined) return [];
  const requirements: Requirement[] = [];
  for (const feature of providerFeatures) {
    if (feature.kind === 'value') requirements.push(...(await valueRequirements(module, feature)));
    else if (feature.kind === 'attribute') requirements.push(...attributeRequirements(module, feature));
    else requirements.push(...argumentRequirements(module, feature));
  }
  for (const [name, child] of children) {
    const childFloor = floorOf(child);
    if (childFloor !== undefined) requirements.push({ since: childFloor, why: `module.${name} requires AWS provider ${childFloor}` });
  }
  return requirements
    .filter((requirement) => compareVersions(requirement.since, floor) > 0)
    .map((requirement) => {
      const message = `"${declared.constraint}" allows AWS provider ${floor}, but ${requirement.why}: raise the floor to ">= ${requirement.since}"`;
      return findingAt(declared.block, 'required_providers', RULE.providerFloor, message);
    });
};

export { validateProviderFloor };
