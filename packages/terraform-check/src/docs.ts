import { blocksOf, isObject, soleInterpolation, type HclValue } from './hcl.js';
import type { TfBlock, TfModule } from './module-loader.js';

const BEGIN = '<!-- BEGIN_TF_DOCS -->';
const END = '<!-- END_TF_DOCS -->';
const REGISTRY = 'https://registry.terraform.io/providers/hashicorp';

const escapeCell = (text: string): string => {
  return text.replaceAll('|', '\\|').replaceAll('\n', '<br/>');
};

const anchor = (kind: string, name: string): string => {
  const escaped = name.replaceAll('_', '\\_');
  return `<a name="${kind}_${name}"></a> [${escaped}](#${kind}\\_${escaped})`;
};

/** HCL source form of an hcl2json value, as terraform-docs prints defaults. */
const hclText = (value: HclValue): string => {
  if (typeof value === 'string') return soleInterpolation(value) ?? JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(hclText).join(', ')}]`;
  if (isObject(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${key} = ${hclText(item)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
};

const code = (text: string): string => {
  return `\`${escapeCell(text.replace(/\s+/g, ' ').replace(/\(\s/g, '(').replace(/\s\)/g, ')').trim())}\``;
};

const section = (title: string, header: string, rows: readonly string[]): string => {
  const content = rows.length === 0 ? `No ${title.toLowerCase()}.` : `${header}\n${rows.join('\n')}`;
  return `## ${title}\n\n${content}`;
};

const requirements = (module: TfModule): string[] => {
  const rows: string[] = [];
  for (const terraform of module.terraformBlocks) {
    if (typeof terraform.body.required_version === 'string') rows.push(`| ${anchor('requirement', 'terraform')} | ${terraform.body.required_version} |`);
    for (const providers of blocksOf(terraform.body.required_providers)) {
      for (const [name, spec] of Object.entries(providers)) {
        const version = isObject(spec) && typeof spec.version === 'string' ? spec.version : typeof spec === 'string' ? spec : 'n/a';
        rows.push(`| ${anchor('requirement', name)} | ${version} |`);
      }
    }
  }
  return rows;
};

const providers = (module: TfModule): string[] => {
  const constraints = new Map<string, string>();
  for (const terraform of module.terraformBlocks) {
    for (const required of blocksOf(terraform.body.required_providers)) {
      for (const [name, spec] of Object.entries(required)) {
        if (isObject(spec) && typeof spec.version === 'string') constraints.set(name, spec.version);
      }
    }
  }
  const used = new Set([...module.resources, ...module.dataSources].map((block) => (block.labels[0] ?? '').split('_')[0] ?? ''));
  return [...used].sort().map((name) => `| ${anchor('provider', name)} | ${constraints.get(name) ?? 'n/a'} |`);
};

const resourceRow = (kind: 'resource' | 'data source', block: TfBlock): string => {
  const [type = '', name = ''] = block.labels;
  const [provider = '', ...rest] = type.split('_');
  const page = `${REGISTRY}/${provider}/latest/docs/${kind === 'resource' ? 'resources' : 'data-sources'}/${rest.join('_')}`;
  return `| [${type}.${name}](${page}) | ${kind} |`;
};

const inputRow = (block: TfBlock): string => {
  const name = block.labels[0] ?? '';
  const description = typeof block.body.description === 'string' ? escapeCell(block.body.description) : 'n/a';
  const type = typeof block.body.type === 'string' ? code(soleInterpolation(block.body.type) ?? block.body.type) : 'n/a';
  const required = !('default' in block.body);
  const fallback = required ? 'n/a' : code(hclText(block.body.default ?? null));
  return `| ${anchor('input', name)} | ${description} | ${type} | ${fallback} | ${required ? 'yes' : 'no'} |`;
};

const outputRow = (block: TfBlock): string => {
  const name = block.labels[0] ?? '';
  const description = typeof block.body.description === 'string' ? escapeCell(block.body.description) : 'n/a';
  return `| ${anchor('output', name)} | ${description} |`;
};

const byName = (a: TfBlock, b: TfBlock): number => {
  return a.labels.join('.').localeCompare(b.labels.join('.'));
};

/** terraform-docs' markdown table layout: Requirements, Providers, Modules, Resources, Inputs (required first), Outputs. */
const generateDocs = (module: TfModule): string => {
  const inputs = [...module.variables].sort((a, b) => Number('default' in a.body) - Number('default' in b.body) || byName(a, b));
  const modules = [...module.moduleCalls].sort(byName).map((call) => {
    const name = call.labels[0] ?? '';
    const source = typeof call.body.source === 'string' ? call.body.source : 'n/a';
    const version = typeof call.body.version === 'string' ? call.body.version : 'n/a';
    return `| ${anchor('module', name)} | ${source} | ${version} |`;
  });
  const resources = [
    ...[...module.resources].sort(byName).map((block) => resourceRow('resource', block)),
    ...[...module.dataSources].sort(byName).map((block) => resourceRow('data source', block)),
  ];
  return [
    section('Requirements', '| Name | Version |\n|------|---------|', requirements(module)),
    section('Providers', '| Name | Version |\n|------|---------|', providers(module)),
    section('Modules', '| Name | Source | Version |\n|------|--------|---------|', modules),
    section('Resources', '| Name | Type |\n|------|------|', resources),
    section('Inputs', '| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|', inputs.map(inputRow)),
    section('Outputs', '| Name | Description |\n|------|-------------|', [...module.outputs].sort(byName).map(outputRow)),
  ].join('\n\n');
};

/** The README with its BEGIN/END_TF_DOCS section replaced, or undefined when it has no markers. */
const withDocs = (readme: string, docs: string): string | undefined => {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin === -1 || end < begin) return undefined;
  return `${readme.slice(0, begin + BEGIN.length)}\n${docs}\n${readme.slice(end)}`;
};

export { BEGIN, END, generateDocs, withDocs };
