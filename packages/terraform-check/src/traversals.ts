import { getExpressionAst } from '@cdktf/hcl2json';
import { expressionSource, type AstNode } from './expression-ast.js';
import { soleInterpolation } from './hcl.js';

interface TraversalStep {
  readonly name: string;
  /** `[0]`, `["key"]` or a splat: steps over one element of a collection. */
  readonly index: boolean;
}

interface Traversal {
  /** Source form, e.g. `aws_lb.this[0].arn`, used to find the reference's line. */
  readonly text: string;
  readonly steps: readonly TraversalStep[];
}

const toTraversal = (node: AstNode): Traversal => {
  const steps = (node.meta?.traversal ?? []).map((part) => ({
    name: part.segment,
    index: part.type === 'indexTraversal',
  }));
  return { text: node.meta?.fullAccessor ?? steps.map((step) => step.name).join('.'), steps };
};

// Walks the AST instead of using getReferencesInExpression, which skips everything inside `for` bodies.
const collect = (node: AstNode | null | undefined, scope: ReadonlySet<string>, into: Traversal[]): void => {
  if (!node) return;
  if (node.type === 'scopeTraversal') {
    const traversal = toTraversal(node);
    if (!scope.has(traversal.steps[0]?.name ?? '')) into.push(traversal);
  }
  let inner = scope;
  if (node.type === 'for') {
    inner = new Set([...scope, node.meta?.keyVar ?? '', node.meta?.valVar ?? ''].filter(Boolean));
  }
  for (const child of node.children ?? []) collect(child, inner, into);
};

const traversalsOfOne = async (filename: string, expression: string): Promise<Traversal[]> => {
  const into: Traversal[] = [];
  try {
    collect((await getExpressionAst(filename, expressionSource(expression))) as AstNode | null, new Set(), into);
  } catch {
    // Whatever the parser cannot read here (template directives spanning lines) is skipped, not guessed at:
    // the file itself parsed, so this loses reference checks, never correctness of other findings.
  }
  return into;
};

/**
 * Every reference (`var.x`, `aws_lb.this.arn`, ...) in the given hcl2json expression strings, minus `for`
 * iteration variables. Lone interpolations are parsed in one batch (one WebAssembly call per block instead of
 * one per expression); templates and anything the batch cannot parse are parsed one by one.
 */
const traversalsOf = async (filename: string, expressions: readonly string[], scope: ReadonlySet<string> = new Set()): Promise<Traversal[]> => {
  const sole = expressions.map((expression) => soleInterpolation(expression));
  const batchable = sole.filter((inner): inner is string => inner !== undefined);
  const rest = expressions.filter((_, index) => sole[index] === undefined);
  const into: Traversal[] = [];
  let batched = false;
  if (batchable.length > 1) {
    try {
      const ast = (await getExpressionAst(filename, `[\n${batchable.map((inner) => `(${inner})`).join(',\n')}\n]`)) as AstNode | null;
      collect(ast, new Set(), into);
      batched = true;
    } catch {
      batched = false;
    }
  }
  const oneByOne = batched ? rest : expressions;
  for (const expression of oneByOne) into.push(...(await traversalsOfOne(filename, expression)));
  return into.filter((traversal) => !scope.has(traversal.steps[0]?.name ?? ''));
};

export { traversalsOf, type Traversal, type TraversalStep };
