#!/usr/bin/env node
// Regenerates schema/aws-provider-<version>.json from the prebuilt CDK Terrain bindings of the AWS provider.
// The package is ~476 MB installed, so it is fetched with `npm pack` into a temporary directory and only its
// generated sources are read; the test suite never needs the network, only this script does.
//
// What the generated lib/<resource>/index.js files carry, per resource, data source and nested block:
//   - `// <name> - computed: <bool>, optional: <bool>, required: <bool>` above every attribute getter;
//   - `_x = new <Struct>List(this, "x", <wrapsSet>)` for repeated nested objects, `new <Struct>OutputReference(this, "x")`
//     for objects allowed at most once (the jsii struct is typed as a single object, not an array);
//   - `synthesizeHclAttributes()` / `<struct>ToHclTerraform()` with `isBlock` (block vs argument) and the value type.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@cdktn/provider-aws';
const PACKAGE_VERSION = '25.7.0';

const ATTRIBUTE_COMMENT = /^ {4}\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)$/gm;
const HCL_ENTRY = /(\w+): \{\s*value: [^\n]*\n\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",/g;
const GETTER_TYPES = {
  getStringAttribute: 'string',
  getNumberAttribute: 'number',
  getBooleanAttribute: 'bool',
  getListAttribute: 'list(string)',
  getNumberListAttribute: 'list(number)',
  getStringMapAttribute: 'map(string)',
  getNumberMapAttribute: 'map(number)',
  getBooleanMapAttribute: 'map(bool)',
  interpolationForAttribute: 'any',
};
const STORAGE_TYPES = {
  string: 'string',
  number: 'number',
  boolean: 'bool',
  any: 'any',
  stringList: 'string',
  numberList: 'number',
  stringMap: 'string',
  numberMap: 'number',
  booleanMap: 'bool',
  stringListList: 'list(string)',
  stringListMap: 'list(string)',
  stringMapList: 'map(string)',
  stringMapMap: 'map(string)',
};

function fetchPackage(workDir) {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', `${PACKAGE}@${PACKAGE_VERSION}`, '--json', '--pack-destination', workDir], {
      cwd: workDir,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
    }),
  );
  const tarball = join(workDir, packed.filename);
  execFileSync('tar', ['xzf', tarball, '-C', workDir, 'package/lib', 'package/package.json']);
  const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  return { root: join(workDir, 'package'), integrity: packed.integrity, sha256 };
}

function lowerFirst(name) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function hclEntries(text) {
  const entries = {};
  for (const match of text.matchAll(HCL_ENTRY)) {
    const [, name, isBlock, type, storage] = match;
    entries[name] = { isBlock: isBlock === 'true', type, storage };
  }
  return entries;
}

// Splits one generated file into class bodies and `<struct>ToHclTerraform` function bodies.
function readModule(text) {
  const classes = new Map();
  const structs = new Map();
  const starts = [...text.matchAll(/^(class (\w+) extends cdktn\.(\w+) \{|function (\w+)ToHclTerraform\(struct\) \{)/gm)];
  starts.forEach((match, index) => {
    const end = starts[index + 1]?.index ?? text.length;
    const body = text.slice(match.index, end);
    if (match[2]) classes.set(match[2], { kind: match[3], body });
    else structs.set(match[4], hclEntries(body));
  });
  return { classes, structs };
}

function attributeType(section, hcl) {
  if (hcl) {
    const element = STORAGE_TYPES[hcl.storage] ?? 'any';
    if (hcl.type === 'simple') return element;
    return `${hcl.type}(${element})`;
  }
  const getter = /this\.(\w+)\('\w+'\)/.exec(section);
  return GETTER_TYPES[getter?.[1]] ?? 'any';
}

function flags(computed, optional, required) {
  return {
    ...(required === 'true' ? { required: true } : {}),
    ...(optional === 'true' ? { optional: true } : {}),
    ...(computed === 'true' ? { computed: true } : {}),
  };
}

function structNode(module, storageClass) {
  const entries = module.structs.get(lowerFirst(storageClass.replace(/List$/, ''))) ?? {};
  const attributes = {};
  const blocks = {};
  for (const [name, hcl] of Object.entries(entries)) {
    if (hcl.isBlock) blocks[name] = { nesting: hcl.type === 'set' ? 'set' : 'list', optional: true, ...structNode(module, hcl.storage) };
    else attributes[name] = { type: attributeType('', hcl), optional: true };
  }
  return { attributes, blocks };
}

function buildNode(module, className, hclAttributes, seen) {
  const body = module.classes.get(className)?.body ?? '';
  const attributes = {};
  const blocks = {};
  const comments = [...body.matchAll(ATTRIBUTE_COMMENT)];
  comments.forEach((comment, index) => {
    const [, name, computed, optional, required] = comment;
    const section = body.slice(comment.index, comments[index + 1]?.index ?? body.length);
    const nested = /new (\w+)\(this, "\w+"(?:, (true|false))?\)/.exec(section);
    const hcl = hclAttributes[name];
    if (!nested && hcl?.isBlock) {
      // The provider configuration keeps nested blocks as plain structs: only their HCL mapper describes them.
      blocks[name] = { nesting: hcl.type === 'set' ? 'set' : 'list', ...flags(computed, optional, required), ...structNode(module, hcl.storage) };
      return;
    }
    if (!nested) {
      attributes[name] = { type: attributeType(section, hcl), ...flags(computed, optional, required) };
      return;
    }
    const [, nestedClass, wrapsSet] = nested;
    const single = nestedClass.endsWith('OutputReference');
    const base = nestedClass.replace(/(OutputReference|List|Map)$/, '');
    const nestedName = `${base}OutputReference`;
    const child = seen.has(nestedName)
      ? { attributes: {}, blocks: {} }
      : buildNode(module, nestedName, module.structs.get(lowerFirst(base)) ?? {}, new Set([...seen, nestedName]));
    if (hcl?.isBlock) {
      blocks[name] = {
        nesting: single ? 'single' : wrapsSet === 'true' ? 'set' : 'list',
        ...(required === 'true' ? { min_items: 1 } : {}),
        ...(single ? { max_items: 1 } : {}),
        ...flags(computed, optional, required),
        ...child,
      };
    } else {
      const collection = single ? 'object' : nestedClass.endsWith('Map') ? 'map(object)' : wrapsSet === 'true' ? 'set(object)' : 'list(object)';
      attributes[name] = { type: collection, ...flags(computed, optional, required), nested: child };
    }
  });
  return { attributes, blocks };
}

function distil(root) {
  const lib = join(root, 'lib');
  const schema = { resources: {}, data_sources: {}, ephemeral_resources: {}, provider: null };
  let providerVersion;
  for (const entry of readdirSync(lib, { withFileTypes: true })) {
    const file = join(lib, entry.name, 'index.js');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const module = readModule(text);
    for (const [className, { kind, body }] of module.classes) {
      const type = /static tfResourceType = "(\w+)";/.exec(body)?.[1];
      if (!type) continue;
      providerVersion ??= /providerVersion: '([^']+)'/.exec(body)?.[1];
      const synth = /synthesizeHclAttributes\(\) \{([\s\S]*?)\n {4}\}\n/.exec(body)?.[1] ?? '';
      const node = buildNode(module, className, hclEntries(synth), new Set([className]));
      if (kind === 'TerraformResource') schema.resources[type] = node;
      else if (kind === 'TerraformDataSource') schema.data_sources[type.replace(/^data_/, '')] = node;
      else if (kind === 'TerraformEphemeralResource') schema.ephemeral_resources[type] = node;
      else if (kind === 'TerraformProvider') schema.provider = node;
    }
  }
  return { schema, providerVersion };
}

function sortKeys(value) {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function main() {
  const workDir = mkdtempSync(join(tmpdir(), 'provider-aws-'));
  try {
    const { root, integrity, sha256 } = fetchPackage(workDir);
    const { schema, providerVersion } = distil(root);
    if (!providerVersion) throw new Error(`no providerVersion found in ${PACKAGE}@${PACKAGE_VERSION}`);
    const document = {
      provenance: {
        package: PACKAGE,
        package_version: PACKAGE_VERSION,
        provider: 'registry.terraform.io/hashicorp/aws',
        provider_version: providerVersion,
        tarball_integrity: integrity,
        tarball_sha256: sha256,
        generated_at: new Date().toISOString(),
        generator: 'packages/terraform-check/scripts/generate-schema.mjs',
      },
      ...sortKeys(schema),
    };
    const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', `aws-provider-${providerVersion}.json`);
    writeFileSync(out, `${JSON.stringify(document)}\n`);
    const counts = `${Object.keys(schema.resources).length} resources, ${Object.keys(schema.data_sources).length} data sources`;
    process.stdout.write(`wrote ${out} (${counts})\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main();
