import { TerraformEvaluationError } from '../errors.js';
import { blocksOf, expressionsIn, type HclObject } from '../hcl.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { Evaluator } from './evaluator.js';
import { isTfObject, unknownValue, type TfValue } from './tf-value.js';

// Which values a module's input variable accepts, judged by evaluating its own validation blocks offline.

type Verdict =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly message: string }
  /** A validation could not be evaluated offline (a function or value the evaluator does not know). */
  | { readonly accepted: undefined };

const declaration = (module: TfModule, name: string): TfBlock | undefined => {
  return module.variables.find((block) => block.labels[0] === name);
};

/** Evaluates every validation of `var.<name>` with the given value, as `terraform plan` would. */
const judgeValue = async (module: TfModule, name: string, value: TfValue): Promise<Verdict> => {
  const evaluator = new Evaluator(module, new Map([[name, value]]));
  let unknown = false;
  for (const validation of blocksOf(declaration(module, name)?.body.validation)) {
    const message = typeof validation.error_message === 'string' ? validation.error_message : 'the value is rejected';
    try {
      const passed = await evaluator.value(validation.condition);
      if (passed === false) return { accepted: false, message };
      if (passed !== true) unknown = true;
    } catch (error) {
      if (!(error instanceof TerraformEvaluationError)) throw error;
      return { accepted: false, message };
    }
  }
  return unknown ? { accepted: undefined } : { accepted: true };
};

type VariableKind = 'string' | 'number' | 'bool' | 'string-list' | 'map' | 'other';

const kindOf = (type: unknown): VariableKind => {
  const text = typeof type === 'string' ? type.replace(/^\$\{|\}$/g, '').replace(/\s+/g, '') : '';
  if (text === 'string' || text === 'number' || text === 'bool') return text;
  if (/^(list|set)\(string\)$/.test(text)) return 'string-list';
  if (/^map\(/.test(text)) return 'map';
  return 'other';
};

/** String literals written in the variable's validations: the values an enumerating `contains([...])` allows. */
const validationLiterals = (body: HclObject): string[] => {
  const literals = blocksOf(body.validation)
    .flatMap((validation) => expressionsIn(validation.condition))
    .flatMap((expression) => [...expression.matchAll(/"((?:[^"\\$]|\\.)*)"/g)].map((match) => match[1] ?? ''));
  return [...new Set(literals)];
};

interface CandidateOptions {
  /** Strings to try beyond the default and the validations' own literals (e.g. adversarial names). */
  readonly strings?: readonly string[];
}

/**
 * Values `var.<name>` can take that its validations provably accept: the default, the string literals its
 * validations mention, and `options.strings`, shaped for the variable's type (a string, a one-element list, a
 * one-key map whose value is the default's first). A value a validation cannot judge offline is left out.
 */
const acceptedValues = async (module: TfModule, name: string, options: CandidateOptions = {}): Promise<TfValue[]> => {
  const body = declaration(module, name)?.body;
  if (!body) return [];
  const evaluator = new Evaluator(module);
  const defaultValue = 'default' in body ? await evaluator.value(body.default) : undefined;
  const strings = [...new Set([...validationLiterals(body), ...(options.strings ?? [])])];
  const candidates: TfValue[] = [];
  if (defaultValue !== undefined) candidates.push(defaultValue);
  switch (kindOf(body.type)) {
    case 'string':
      candidates.push(...strings);
      break;
    case 'string-list':
      candidates.push(...strings.map((text) => [text]));
      break;
    case 'map': {
      const sample: TfValue = defaultValue !== undefined && isTfObject(defaultValue) ? (Object.values(defaultValue)[0] ?? unknownValue) : unknownValue;
      candidates.push(...strings.map((key): TfValue => ({ [key]: sample })));
      break;
    }
    case 'number':
    case 'bool':
    case 'other':
      break;
  }
  const accepted = new Map<string, TfValue>();
  for (const candidate of candidates) {
    const key = JSON.stringify(candidate);
    if (!accepted.has(key) && (await judgeValue(module, name, candidate)).accepted === true) accepted.set(key, candidate);
  }
  return [...accepted.values()];
};

export { acceptedValues, judgeValue, type CandidateOptions, type Verdict };
