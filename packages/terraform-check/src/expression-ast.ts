import { getExpressionAst } from '@cdktf/hcl2json';
import { closingBrace, soleInterpolation } from './hcl.js';

// hcl2json's expression AST (HashiCorp's hclsyntax tree, serialised): what the traversal walk and the evaluator read.

interface TraversalPart {
  readonly type: string;
  /** A name, or an index written in source form (`0`, `"key"`). */
  readonly segment: string;
}

interface AstNode {
  readonly type: string;
  readonly meta?: {
    readonly value?: string;
    readonly type?: string;
    readonly name?: string;
    readonly operator?: string;
    readonly fullAccessor?: string;
    readonly keyVar?: string;
    readonly valVar?: string;
    readonly keyExpression?: string;
    readonly conditionalExpression?: string;
    readonly groupedValue?: boolean;
    readonly expandedFinalArgument?: boolean;
    readonly traversal?: readonly TraversalPart[];
  };
  readonly range?: { readonly start: { readonly byte: number }; readonly end: { readonly byte: number } };
  readonly children?: readonly AstNode[];
}

/** An expression's tree and the source it was parsed from (object keys are read back from byte ranges). */
interface ParsedExpression {
  readonly ast: AstNode;
  readonly source: string;
}

const escapeLiteral = (text: string): string => {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
};

/**
 * hcl2json hands templates back unquoted (`prefix-${var.a}-"x"`); re-quoting them for the expression parser
 * means escaping the literal parts only, not the interpolated expressions.
 */
const quotedTemplate = (template: string): string => {
  let quoted = '';
  let position = 0;
  for (let start = template.indexOf('${'); start !== -1; start = template.indexOf('${', position)) {
    const end = closingBrace(template, start + 1);
    if (end === -1) break;
    quoted += `${escapeLiteral(template.slice(position, start))}${template.slice(start, end + 1).replaceAll('\n', ' ')}`;
    position = end + 1;
  }
  return `"${quoted}${escapeLiteral(template.slice(position))}"`;
};

/** The expression source of an hcl2json string: the inner expression of a lone `${...}`, else the quoted template. */
const expressionSource = (expression: string): string => {
  return soleInterpolation(expression) ?? quotedTemplate(expression);
};

const parsed = new Map<string, Promise<ParsedExpression | undefined>>();

/**
 * Parses one expression (cached: the evaluator parses the same locals and conditions for every candidate value).
 * Undefined when the parser cannot read it (template directives spanning lines).
 */
const parseExpression = (source: string): Promise<ParsedExpression | undefined> => {
  let result = parsed.get(source);
  if (!result) {
    result = (async () => {
      try {
        const ast = (await getExpressionAst('expression.tf', source)) as AstNode | null;
        return ast ? { ast, source } : undefined;
      } catch {
        return undefined;
      }
    })();
    parsed.set(source, result);
  }
  return result;
};

export { expressionSource, parseExpression, quotedTemplate, type AstNode, type ParsedExpression, type TraversalPart };
