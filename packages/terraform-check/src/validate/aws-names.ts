import { TerraformEvaluationError } from '../errors.js';
import { bindingsToTry, instances, variablesReadBy } from '../evaluate/bindings.js';
import { Evaluator } from '../evaluate/evaluator.js';
import { isList, isTfObject, type TfValue } from '../evaluate/tf-value.js';
import { acceptedValues } from '../evaluate/variable-values.js';
import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import { nameViolation, NAME_RULES, type NameRule } from './aws-name-rules.js';

// Derived names evaluated for every value the module's variables accept, at their longest and at the shapes AWS
// rejects (a trailing hyphen, a reserved prefix, a character outside the charset): a name that can break AWS's
// rules fails at apply, long after the plan looked fine.

const plainLengths = [...Array.from({ length: 70 }, (_, index) => index + 1), 80, 100, 128, 150, 200, 256, 300, 513, 1025];

const repeat = (length: number): string => {
  return 'a'.repeat(Math.max(0, length));
};

/** Shapes of a name AWS may reject, at a given length: reserved prefixes and suffixes, odd characters, case. */
const shapes = (length: number): string[] => {
  const prefixes = new Set(NAME_RULES.flatMap((rule) => rule.notStartingWith ?? []));
  const suffixes = new Set(NAME_RULES.flatMap((rule) => rule.notEndingWith ?? []));
  const inner = ['-', '_', '.', '/', ' ', ':', '@', '+', '=', ',', '#', '--', '..', '__', '-.', '_-'];
  return [
    'A'.repeat(length),
    `1${repeat(length - 1)}`,
    ...[...prefixes].map((prefix) => `${prefix}${repeat(length - prefix.length)}`),
    ...[...suffixes].map((suffix) => `${repeat(length - suffix.length)}${suffix}`),
    ...inner.map((separator) => `${repeat(Math.ceil((length - separator.length) / 2))}${separator}${repeat(Math.floor((length - separator.length) / 2))}`),
    ...['_', '.'].flatMap((character) => [`${character}${repeat(length - 1)}`, `${repeat(length - 1)}${character}`]),
    '192.168.5.4',
  ].filter((text) => text.length > 0);
};

/** The longest plain name (`aaa...`) among the values, or the longest string of one. */
const longestPlain = (values: readonly TfValue[]): number => {
  const lengths = values.flatMap((value) => {
    const texts = typeof value === 'string' ? [value] : isList(value) ? value : isTfObject(value) ? Object.keys(value) : [];
    return texts.filter((text): text is string => typeof text === 'string' && /^a+$/.test(text)).map((text) => text.length);
  });
  return Math.max(0, ...lengths);
};

/**
 * Values of `var.<name>` to judge names with: plain names of every length first (which tells the longest the
 * validation allows), then every shape at and around that length, and a hyphen at each position of the longest
 * (what a substr() can turn into a trailing hyphen).
 */
const adversarialValues = async (module: TfModule, name: string): Promise<TfValue[]> => {
  const plain = await acceptedValues(module, name, { strings: plainLengths.map(repeat) });
  const longest = longestPlain(plain);
  const lengths = [...new Set([2, 3, longest - 1, longest, longest + 1, 1025].filter((length) => length > 0))];
  const hyphenated = Array.from({ length: Math.max(0, Math.min(longest, 300) - 2) }, (_, index) => `${repeat(index + 1)}-${repeat(longest - index - 2)}`);
  const shaped = await acceptedValues(module, name, { strings: [...lengths.flatMap(shapes), ...hyphenated] });
  return [...plain, ...shaped];
};

const shown = (text: string): string => {
  return text.length > 48 ? `${JSON.stringify(`${text.slice(0, 40)}…`)} (${text.length} characters)` : JSON.stringify(text);
};

/** A variable's value as the finding shows it: long strings shortened, maps by their keys (the part names use). */
const display = (value: TfValue): string => {
  if (typeof value === 'string') return shown(value);
  if (isList(value)) return `[${value.map(display).join(', ')}]`;
  if (isTfObject(value)) return `{ ${Object.keys(value).map((key) => `${shown(key)} = …`).join(', ')} }`;
  return typeof value === 'symbol' ? '(unknown)' : JSON.stringify(value);
};

const describeBinding = (binding: ReadonlyMap<string, TfValue>): string => {
  const parts = [...binding].map(([name, value]) => `var.${name} = ${display(value)}`);
  return parts.length === 0 ? '' : ` with ${parts.join(', ')}`;
};

interface Violation {
  readonly name: string;
  readonly reason: string;
  readonly binding: ReadonlyMap<string, TfValue>;
}

const firstViolation = async (module: TfModule, block: TfBlock, rule: NameRule, bindings: readonly Map<string, TfValue>[]): Promise<Violation | undefined> => {
  for (const binding of bindings) {
    const evaluator = new Evaluator(module, binding);
    try {
      for (const scope of await instances(evaluator, block)) {
        const name = await evaluator.value(block.body[rule.argument], scope);
        if (typeof name !== 'string') continue;
        const reason = nameViolation(rule, name);
        if (reason !== undefined) return { name, reason, binding };
      }
    } catch (error) {
      // A value Terraform itself would reject while planning (null in a template): not a naming problem.
      if (!(error instanceof TerraformEvaluationError)) throw error;
    }
  }
  return undefined;
};

/** Every name argument of the resources in NAME_RULES, evaluated for the values its variables accept. */
const validateAwsNames = async (module: TfModule): Promise<Finding[]> => {
  const findings: Finding[] = [];
  const accepted = new Map<string, Promise<TfValue[]>>();
  const valuesOf = (name: string): Promise<TfValue[]> => {
    let values = accepted.get(name);
    if (!values) {
      values = adversarialValues(module, name);
      accepted.set(name, values);
    }
    return values;
  };
  for (const block of module.resources) {
    for (const rule of NAME_RULES.filter((candidate) => candidate.resource === block.labels[0] && candidate.argument in block.body)) {
      const variables = variablesReadBy(module, [block.body[rule.argument], block.body.for_each]);
      const choices = await Promise.all(variables.map(async (name) => [name, await valuesOf(name)] as const));
      const violation = await firstViolation(module, block, rule, bindingsToTry(choices));
      if (!violation) continue;
      const message = `${block.labels.join('.')}.${rule.argument} can be ${shown(violation.name)}${describeBinding(violation.binding)}, which ${rule.api} rejects: ${violation.reason} (${rule.source})`;
      findings.push(findingAt(block, rule.argument, RULE.awsName, message));
    }
  }
  return findings;
};

export { validateAwsNames };
