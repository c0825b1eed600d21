import { blocksOf, isObject, soleInterpolation, type HclObject, type HclValue } from '../hcl.js';
import type { TfModule } from '../module-loader.js';
import { documentInstance } from './document-instances.js';
import type { ValueResolver } from './values.js';

const MAX_MERGE_DEPTH = 4;

interface Principal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** One IAM statement, from an aws_iam_policy_document data source or a jsonencode()d policy. */
interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly Principal[];
  readonly conditions: readonly Condition[];
}

const asStrings = (value: HclValue | undefined): string[] => {
  const items = Array.isArray(value) ? value : [value];
  // jsonencode() keeps booleans and numbers (`"aws:SecureTransport" = false`); IAM compares them as strings.
  return items.flatMap((item) => (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? [String(item)] : []));
};

const fromDocumentBlock = (statement: HclObject): Statement => {
  return {
    effect: typeof statement.effect === 'string' ? statement.effect : 'Allow',
    actions: asStrings(statement.actions),
    resources: asStrings(statement.resources),
    principals: blocksOf(statement.principals).map((principal) => ({
      type: typeof principal.type === 'string' ? principal.type : '',
      identifiers: asStrings(principal.identifiers),
    })),
    conditions: blocksOf(statement.condition).map((condition) => ({
      test: typeof condition.test === 'string' ? condition.test : '',
      variable: typeof condition.variable === 'string' ? condition.variable : '',
      values: asStrings(condition.values),
    })),
  };
};

const fromJsonStatement = (statement: HclObject): Statement => {
  const principal = statement.Principal;
  const principals = isObject(principal)
    ? Object.entries(principal).map(([type, identifiers]) => ({ type, identifiers: asStrings(identifiers) }))
    : asStrings(principal).map((identifier) => ({ type: '*', identifiers: [identifier] }));
  const conditions: Condition[] = [];
  if (isObject(statement.Condition)) {
    for (const [test, variables] of Object.entries(statement.Condition)) {
      if (!isObject(variables)) continue;
      for (const [variable, values] of Object.entries(variables)) conditions.push({ test, variable, values: asStrings(values) });
    }
  }
  return {
    effect: typeof statement.Effect === 'string' ? statement.Effect : '',
    actions: asStrings(statement.Action),
    resources: asStrings(statement.Resource),
    principals,
    conditions,
  };
};

/**
 * Statements of a policy argument: `data.aws_iam_policy_document.x.json` (read from that data source, with its
 * variables and locals resolved), one instance of a for_each'd or counted document (`x["key"].json`, `x[0].json`), or `jsonencode({...})`.
 * Unknown when built some other way.
 */
const statementsOf = async (module: TfModule, values: ValueResolver, policy: HclValue | undefined, depth = 0): Promise<Statement[] | undefined> => {
  const inner = soleInterpolation(policy)?.trim();
  const reference = inner === undefined ? undefined : /^data\.aws_iam_policy_document\.(\w+)(?:\["([^"]+)"\]|\[(\d+)\])?\.(json|minified_json)$/.exec(inner);
  if (reference) {
    const [, documentName, instanceKey, instanceIndex] = reference;
    const document = module.dataSources.find((block) => block.labels[0] === 'aws_iam_policy_document' && block.labels[1] === documentName);
    const instance = instanceKey ?? (instanceIndex === undefined ? undefined : Number(instanceIndex));
    const repeated = document !== undefined && ('for_each' in document.body || 'count' in document.body);
    if (!document || repeated !== (instance !== undefined)) return undefined;
    const resolved = instance === undefined ? await values.resolve(document.body) : await documentInstance(module, document, instance);
    if (!isObject(resolved)) return undefined;
    // `dynamic "statement"` contents count too: their iterator values stay unknown, their actions do not.
    const dynamicStatements = blocksOf(isObject(resolved.dynamic) ? resolved.dynamic.statement : undefined).flatMap((item) => blocksOf(item.content));
    // Documents merged in with source_policy_documents / override_policy_documents are part of this one.
    const merged = await Promise.all(
      [document.body.source_policy_documents, document.body.override_policy_documents]
        .flatMap((list) => (Array.isArray(list) ? list : []))
        .map(async (entry) => (depth < MAX_MERGE_DEPTH ? ((await statementsOf(module, values, entry, depth + 1)) ?? []) : [])),
    );
    return [...blocksOf(resolved.statement), ...dynamicStatements].map(fromDocumentBlock).concat(merged.flat());
  }
  const resolved = await values.resolve(policy);
  if (!isObject(resolved)) return undefined;
  const statements = resolved.Statement;
  return (Array.isArray(statements) ? statements : [statements]).filter(isObject).map(fromJsonStatement);
};

export { statementsOf, type Condition, type Principal, type Statement };
