import { didYouMean } from '../did-you-mean.js';
import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';

const VARIABLE_KEYS = ['type', 'default', 'description', 'validation', 'sensitive', 'nullable', 'ephemeral'];
const OUTPUT_KEYS = ['value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral'];

const unknownKeys = (blocks: readonly TfBlock[], kind: string, allowed: readonly string[]): Finding[] => {
  return blocks.flatMap((block) =>
    Object.keys(block.body)
      .filter((key) => !allowed.includes(key))
      .map((key) => findingAt(block, key, RULE.unknownArgument, `unknown argument "${key}" in ${kind} "${block.labels[0] ?? ''}"${didYouMean(key, allowed)}`)),
  );
};

/** The same address declared twice, possibly in two files: terraform refuses the whole module. */
const duplicates = (blocks: readonly TfBlock[], kind: string): Finding[] => {
  const seen = new Map<string, TfBlock>();
  const findings: Finding[] = [];
  for (const block of blocks) {
    const address = block.labels.join('.');
    const first = seen.get(address);
    if (first) {
      const message = `${kind} "${address}" is declared twice (first at ${first.file.path}:${first.line})`;
      findings.push(findingAt(block, undefined, RULE.duplicate, message));
    } else seen.set(address, block);
  }
  return findings;
};

const duplicateLocals = (module: TfModule): Finding[] => {
  const seen = new Map<string, TfBlock>();
  const findings: Finding[] = [];
  for (const block of module.localBlocks) {
    for (const name of Object.keys(block.body)) {
      const first = seen.get(name);
      if (first) findings.push(findingAt(block, name, RULE.duplicate, `local value "${name}" is declared twice (first at ${first.file.path}:${first.line})`));
      else seen.set(name, block);
    }
  }
  return findings;
};

/** The modules' convention (terraform-aws-modules style): every variable typed and described, every output described. */
const undocumented = (module: TfModule): Finding[] => {
  const findings: Finding[] = [];
  for (const variable of module.variables) {
    for (const key of ['type', 'description'].filter((required) => !(required in variable.body))) {
      findings.push(findingAt(variable, undefined, RULE.undocumentedVariable, `variable "${variable.labels[0] ?? ''}" has no ${key}: every input is typed and described`));
    }
  }
  for (const output of module.outputs) {
    if (!('value' in output.body)) findings.push(findingAt(output, undefined, RULE.missingRequired, `output "${output.labels[0] ?? ''}" has no value`));
    if (!('description' in output.body)) {
      findings.push(findingAt(output, undefined, RULE.undocumentedVariable, `output "${output.labels[0] ?? ''}" has no description`));
    }
  }
  return findings;
};

/** Variable and output blocks, duplicate declarations across the module's files. */
const validateDeclarations = (module: TfModule): Finding[] => {
  return [
    ...unknownKeys(module.variables, 'variable', VARIABLE_KEYS),
    ...unknownKeys(module.outputs, 'output', OUTPUT_KEYS),
    ...duplicates(module.resources, 'resource'),
    ...duplicates(module.dataSources, 'data source'),
    ...duplicates(module.variables, 'variable'),
    ...duplicates(module.outputs, 'output'),
    ...duplicates(module.moduleCalls, 'module'),
    ...duplicateLocals(module),
    ...undocumented(module),
  ];
};

export { validateDeclarations };
