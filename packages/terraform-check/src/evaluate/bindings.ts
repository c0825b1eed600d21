import type { HclValue } from '../hcl.js';
import { expressionsWithLocals, type TfBlock, type TfModule } from '../module-loader.js';
import type { Evaluator, Scope } from './evaluator.js';
import { isList, isTfObject, unknownValue, type TfValue } from './tf-value.js';

// What a rule needs to evaluate one resource argument for every value its inputs may take.

/** Variables the values read, directly or through the locals they use (transitively). */
const variablesReadBy = (module: TfModule, values: readonly (HclValue | undefined)[]): string[] => {
  const names = expressionsWithLocals(module, values).flatMap((text) => [...text.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)].map((match) => match[1] ?? ''));
  return [...new Set(names)].sort();
};

const size = (value: TfValue): number => {
  return JSON.stringify(value)?.length ?? 0;
};

/**
 * Bindings to evaluate with: every variable at its largest value, then each variable through all its values while
 * the others stay at their largest (the sum, not the product, of the choices; a long name with a long key is in
 * the first). A variable without values stays unbound, so its default or unknown applies.
 */
const bindingsToTry = (choices: readonly (readonly [string, readonly TfValue[]])[]): Map<string, TfValue>[] => {
  const known = choices.filter(([, values]) => values.length > 0);
  const baseline = new Map<string, TfValue>(known.map(([name, values]) => [name, values.reduce((a, b) => (size(b) > size(a) ? b : a))]));
  return [baseline, ...known.flatMap(([name, values]) => values.map((value) => new Map<string, TfValue>([...baseline, [name, value]])))];
};

/** One scope per instance the block's for_each (or count) creates: `each` or `count` bound. */
const instances = async (evaluator: Evaluator, block: TfBlock): Promise<Scope[]> => {
  if ('count' in block.body) return [new Map([['count', { index: 0 }]])];
  if (!('for_each' in block.body)) return [new Map()];
  const collection = await evaluator.value(block.body.for_each);
  if (isTfObject(collection)) return Object.entries(collection).map(([key, value]) => new Map([['each', { key, value }]]));
  if (isList(collection)) return collection.map((item) => new Map([['each', { key: item, value: item }]]));
  return [new Map([['each', { key: unknownValue, value: unknownValue }]])];
};

export { bindingsToTry, instances, variablesReadBy };
