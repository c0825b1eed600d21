import { TerraformEvaluationError } from '../errors.js';
import { Evaluator, type Scope } from '../evaluate/evaluator.js';
import { isList, isTfObject, unknownValue, type TfValue } from '../evaluate/tf-value.js';
import { blocksOf, isObject, type HclObject, type HclValue } from '../hcl.js';
import type { TfBlock, TfModule } from '../module-loader.js';

// One instance of a for_each'd or counted aws_iam_policy_document (`data.aws_iam_policy_document.x["key"]`, `x[0]`),
// with `each` or `count` bound and its `dynamic` blocks expanded, so each role's statements are judged as planned.

/** What the evaluator knows, back in hcl2json form: unknown values become an expression, which rules skip. */
const toHcl = (value: TfValue): HclValue => {
  if (value === unknownValue) return '${unknown}';
  if (isList(value)) return value.map(toHcl);
  if (isTfObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toHcl(item)]));
  return value;
};

/** A collection's iterations: a map's keys, a list's indexes, or (for a resource's for_each over a set) its values. */
const iterations = (collection: TfValue, listKeys: 'index' | 'value'): { key: TfValue; value: TfValue }[] => {
  if (isTfObject(collection)) return Object.entries(collection).map(([key, value]) => ({ key, value }));
  if (isList(collection)) return collection.map((value, index) => ({ key: listKeys === 'index' ? index : value, value }));
  return [];
};

/** The block's arguments evaluated in `scope`, each `dynamic "name"` turned into the `name` blocks it generates. */
const expand = async (evaluator: Evaluator, body: HclObject, scope: Scope): Promise<HclObject> => {
  const expanded: Record<string, HclValue> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'dynamic' && isObject(value)) continue;
    if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
      expanded[key] = await Promise.all(blocksOf(value).map((block) => expand(evaluator, block, scope)));
    } else {
      expanded[key] = toHcl(await evaluator.value(value, scope));
    }
  }
  const dynamics = isObject(body.dynamic) ? body.dynamic : {};
  for (const [name, specs] of Object.entries(dynamics)) {
    for (const spec of blocksOf(specs)) {
      const iterator = typeof spec.iterator === 'string' ? spec.iterator : name;
      const generated = await Promise.all(
        iterations(await evaluator.value(spec.for_each, scope), 'index').flatMap((item) =>
          blocksOf(spec.content).map((content) => expand(evaluator, content, new Map([...scope, [iterator, item]]))),
        ),
      );
      expanded[name] = [...blocksOf(expanded[name]), ...generated];
    }
  }
  return expanded;
};

/**
 * The document's body for one instance: the `key` of its for_each, or the index of its count. Undefined when the
 * instance does not exist or its collection is unknown offline.
 */
const documentInstance = async (module: TfModule, document: TfBlock, key: string | number): Promise<HclObject | undefined> => {
  const evaluator = new Evaluator(module);
  try {
    if (typeof key === 'number') {
      const count = await evaluator.value(document.body.count);
      return typeof count === 'number' && key < count ? await expand(evaluator, document.body, new Map([['count', { index: key }]])) : undefined;
    }
    const instance = iterations(await evaluator.value(document.body.for_each), 'value').find((item) => item.key === key);
    return instance ? await expand(evaluator, document.body, new Map([['each', instance]])) : undefined;
  } catch (error) {
    // What Terraform itself would reject is for validation to report; the policy then judges nothing.
    if (error instanceof TerraformEvaluationError) return undefined;
    throw error;
  }
};

export { documentInstance };
