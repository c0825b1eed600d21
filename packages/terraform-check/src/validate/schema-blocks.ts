import { didYouMean } from '../did-you-mean.js';
import { addressOf, findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import { blocksOf, isObject, soleInterpolation, type HclObject, type HclValue } from '../hcl.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import { memberNode, type ProviderSchema, type SchemaNode } from '../schema.js';
import { writtenAsBlock } from '../source-text.js';

const META_ARGUMENTS = {
  resource: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']),
  data: new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']),
} as const;

const LIFECYCLE_KEYS = {
  resource: ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by', 'precondition', 'postcondition'],
  data: ['precondition', 'postcondition'],
} as const;

const DYNAMIC_KEYS = ['for_each', 'iterator', 'labels', 'content'];

type Kind = keyof typeof META_ARGUMENTS;

interface Context {
  readonly block: TfBlock;
  readonly address: string;
  readonly findings: Finding[];
}

const settableNames = (node: SchemaNode): string[] => {
  const attributeNames = Object.entries(node.attributes)
    .filter(([, attribute]) => attribute.required ?? attribute.optional)
    .map(([name]) => name);
  return [...attributeNames, ...Object.keys(node.blocks)];
};

const isObjectList = (value: HclValue): boolean => {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
};

const checkDynamic = (context: Context, value: HclValue, node: SchemaNode, where: string, present: Set<string>): void => {
  if (!isObject(value)) return;
  for (const [label, items] of Object.entries(value)) {
    present.add(label);
    const target = memberNode(node, label);
    if (!target) {
      const message = `dynamic block "${label}" is not a block of ${where}${didYouMean(label, Object.keys(node.blocks))}`;
      context.findings.push(findingAt(context.block, label, RULE.dynamicBlock, message));
      continue;
    }
    for (const item of blocksOf(items)) {
      for (const key of Object.keys(item).filter((key) => !DYNAMIC_KEYS.includes(key))) {
        const message = `dynamic "${label}" takes for_each, iterator, labels and content, not "${key}"${didYouMean(key, DYNAMIC_KEYS)}`;
        context.findings.push(findingAt(context.block, label, RULE.dynamicBlock, message));
      }
      if (!('for_each' in item)) {
        context.findings.push(findingAt(context.block, label, RULE.dynamicBlock, `dynamic "${label}" in ${where} needs a for_each`));
      }
      for (const content of blocksOf(item.content)) checkBody(context, content, target, `${where}.${label}`);
    }
  }
};

const checkBlockMember = (context: Context, name: string, value: HclValue, node: SchemaNode, where: string): void => {
  const block = node.blocks[name];
  if (!block) return;
  const { lines } = context.block.file;
  const asBlock = isObjectList(value) && writtenAsBlock(lines, name, context.block.line, context.block.endLine);
  if (!asBlock) {
    // Optional+computed "blocks" (aws_security_group ingress, ...) are attributes-as-blocks: both forms are valid.
    if (!block.computed) {
      const message = `"${name}" in ${where} is a block: write \`${name} { ... }\` (or a dynamic "${name}" block), not \`${name} = ...\``;
      context.findings.push(findingAt(context.block, name, RULE.blockVsArgument, message));
    }
    return;
  }
  const items = blocksOf(value);
  if (block.max_items !== undefined && items.length > block.max_items) {
    const message = `${where} allows at most ${block.max_items} "${name}" block${block.max_items === 1 ? '' : 's'}, found ${items.length}`;
    context.findings.push(findingAt(context.block, name, RULE.tooManyBlocks, message));
  }
  for (const item of items) checkBody(context, item, block, `${where}.${name}`);
};

const checkBody = (context: Context, body: HclObject, node: SchemaNode, where: string, meta?: ReadonlySet<string>): void => {
  const present = new Set<string>();
  for (const [name, value] of Object.entries(body)) {
    if (meta?.has(name)) continue;
    if (name === 'dynamic') {
      checkDynamic(context, value, node, where, present);
      continue;
    }
    present.add(name);
    if (name in node.blocks) {
      checkBlockMember(context, name, value, node, where);
      continue;
    }
    const attribute = node.attributes[name];
    if (!attribute) {
      const message = `unknown argument "${name}" in ${where}${didYouMean(name, settableNames(node))}`;
      context.findings.push(findingAt(context.block, name, RULE.unknownArgument, message));
    } else if (!attribute.required && !attribute.optional) {
      const message = `"${name}" in ${where} is computed by the provider and cannot be set`;
      context.findings.push(findingAt(context.block, name, RULE.readOnlyArgument, message));
    } else if (!attribute.nested && isObjectList(value) && writtenAsBlock(context.block.file.lines, name, context.block.line, context.block.endLine)) {
      const message = `"${name}" in ${where} is an argument of type ${attribute.type}: write \`${name} = ...\`, not a block`;
      context.findings.push(findingAt(context.block, name, RULE.blockVsArgument, message));
    }
  }
  for (const [name, attribute] of Object.entries(node.attributes)) {
    if (attribute.required && !present.has(name)) {
      context.findings.push(findingAt(context.block, undefined, RULE.missingRequired, `${where} is missing the required argument "${name}"`));
    }
  }
  for (const [name, block] of Object.entries(node.blocks)) {
    if ((block.min_items ?? 0) > 0 && !present.has(name)) {
      context.findings.push(findingAt(context.block, undefined, RULE.missingRequired, `${where} is missing the required block "${name}"`));
    }
  }
};

/** Whether an `ignore_changes` path (`tags`, `default_action[0].target_group_arn`) exists in the schema. */
const pathProblem = (path: string, node: SchemaNode): string | undefined => {
  const names = path.split(/[.[\]]+/).filter((segment) => segment && !/^(\d+|".*"|\*)$/.test(segment));
  let current: SchemaNode | undefined = node;
  for (const name of names) {
    if (!current) return undefined;
    if (!(name in current.attributes) && !(name in current.blocks)) {
      return `"${name}"${didYouMean(name, [...Object.keys(current.attributes), ...Object.keys(current.blocks)])}`;
    }
    const attribute: SchemaNode['attributes'][string] | undefined = current.attributes[name];
    if (attribute && !attribute.nested) return undefined;
    current = memberNode(current, name);
  }
  return undefined;
};

const checkLifecycle = (context: Context, kind: Kind, node: SchemaNode): void => {
  const allowed: readonly string[] = LIFECYCLE_KEYS[kind];
  for (const lifecycle of blocksOf(context.block.body.lifecycle)) {
    for (const key of Object.keys(lifecycle).filter((key) => !allowed.includes(key))) {
      const message = `"${key}" is not a lifecycle argument of a ${kind === 'data' ? 'data source' : 'resource'}${didYouMean(key, allowed)}`;
      context.findings.push(findingAt(context.block, key, RULE.lifecycle, message));
    }
    const ignored = lifecycle.ignore_changes;
    const paths = Array.isArray(ignored) ? ignored : [ignored];
    for (const entry of paths) {
      if (typeof entry !== 'string') continue;
      const path = soleInterpolation(entry) ?? entry;
      if (path === 'all') continue;
      const problem = pathProblem(path, node);
      if (problem) {
        const message = `ignore_changes path "${path}" does not exist on ${context.address}: unknown ${problem}`;
        context.findings.push(findingAt(context.block, 'ignore_changes', RULE.lifecycle, message));
      }
    }
  }
};

const validateKind = (kind: Kind, blocks: readonly TfBlock[], types: Readonly<Record<string, SchemaNode>>): Finding[] => {
  const findings: Finding[] = [];
  for (const block of blocks) {
    const [type = ''] = block.labels;
    const address = addressOf(kind, block);
    // Only the AWS provider's schema is known; other providers (random, archive, ...) are not checked.
    if (!type.startsWith('aws_')) continue;
    const node = types[type];
    if (!node) {
      const what = kind === 'data' ? 'data source' : 'resource type';
      const message = `unknown ${what} "${type}" in AWS provider 6.66.0${didYouMean(type, Object.keys(types))}`;
      findings.push(findingAt(block, undefined, RULE.unknownType, message));
      continue;
    }
    const context: Context = { block, address, findings };
    checkBody(context, block.body, node, address, META_ARGUMENTS[kind]);
    checkLifecycle(context, kind, node);
  }
  return findings;
};

const validateProviders = (module: TfModule, schema: ProviderSchema): Finding[] => {
  const findings: Finding[] = [];
  for (const block of module.providers.filter((provider) => provider.labels[0] === 'aws')) {
    checkBody({ block, address: 'provider "aws"', findings }, block.body, schema.provider, 'provider "aws"', new Set(['alias', 'version']));
  }
  return findings;
};

/** Checks resources, data sources and the aws provider block against the provider schema. */
const validateSchemaBlocks = (module: TfModule, schema: ProviderSchema): Finding[] => {
  return [
    ...validateKind('resource', module.resources, schema.resources),
    ...validateKind('data', module.dataSources, schema.data_sources),
    ...validateProviders(module, schema),
  ];
};

export { validateSchemaBlocks };
