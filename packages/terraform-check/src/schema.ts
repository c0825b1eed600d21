import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SchemaLoadError } from './errors.js';

interface SchemaAttribute {
  readonly type: string;
  readonly required?: true;
  readonly optional?: true;
  readonly computed?: true;
  /** Shape of one element when the attribute holds objects (`list(object)`, `object`, ...). */
  readonly nested?: SchemaNode;
}

interface SchemaBlock extends SchemaNode {
  readonly nesting: 'list' | 'set' | 'single';
  readonly min_items?: number;
  readonly max_items?: number;
  readonly required?: true;
  readonly optional?: true;
  readonly computed?: true;
}

interface SchemaNode {
  readonly attributes: Readonly<Record<string, SchemaAttribute>>;
  readonly blocks: Readonly<Record<string, SchemaBlock>>;
}

interface ProviderSchema {
  readonly provenance: {
    readonly package: string;
    readonly package_version: string;
    readonly provider: string;
    readonly provider_version: string;
    readonly tarball_sha256: string;
    readonly generated_at: string;
  };
  readonly resources: Readonly<Record<string, SchemaNode>>;
  readonly data_sources: Readonly<Record<string, SchemaNode>>;
  readonly ephemeral_resources: Readonly<Record<string, SchemaNode>>;
  readonly provider: SchemaNode;
}

const SCHEMA_FILE = 'aws-provider-6.66.0.json';

const defaultSchemaPath = (): string => {
  return fileURLToPath(new URL(`../schema/${SCHEMA_FILE}`, import.meta.url));
};

let cached: ProviderSchema | undefined;

const loadSchema = (path: string = defaultSchemaPath()): ProviderSchema => {
  if (path === defaultSchemaPath() && cached) return cached;
  try {
    const schema = JSON.parse(readFileSync(path, 'utf8')) as ProviderSchema;
    if (path === defaultSchemaPath()) cached = schema;
    return schema;
  } catch (error) {
    throw new SchemaLoadError(path, { cause: error });
  }
};

/** The shape reached by stepping into a member: a block's body or an object attribute's element. */
const memberNode = (node: SchemaNode, name: string): SchemaNode | undefined => {
  return node.blocks[name] ?? node.attributes[name]?.nested;
};

export { loadSchema, memberNode, type ProviderSchema, type SchemaAttribute, type SchemaBlock, type SchemaNode };
