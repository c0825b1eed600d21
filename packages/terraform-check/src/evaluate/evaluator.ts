import { TerraformEvaluationError } from '../errors.js';
import { expressionSource, parseExpression, type AstNode, type ParsedExpression, type TraversalPart } from '../expression-ast.js';
import { isObject, type HclValue } from '../hcl.js';
import type { TfModule } from '../module-loader.js';
import { callFunction } from './functions.js';
import { convertToType } from './type-conversion.js';
import {
  asBoolean,
  asNumber,
  asString,
  containsUnknown,
  equalValues,
  isList,
  isTfObject,
  typeName,
  unknownValue,
  type TfValue,
} from './tf-value.js';

/** Names bound inside a block or expression: `each`, `count`, `for` iteration variables. */
type Scope = ReadonlyMap<string, TfValue>;

const noScope: Scope = new Map();

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A quoted-template literal as HCL reads it: backslash escapes, `$${` and `%%{` for literal `${` and `%{`. */
const decodeLiteral = (raw: string): string => {
  return raw
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (whole, escape: string) =>
      escape.length > 1 ? String.fromCodePoint(Number.parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? whole),
    )
    .replaceAll('$${', '${')
    .replaceAll('%%{', '%{');
};

const indexKey = (part: TraversalPart): string | number => {
  const segment = part.segment.trim();
  return segment.startsWith('"') ? (JSON.parse(segment) as string) : Number(segment);
};

const step = (value: TfValue, key: string | number, byIndex: boolean): TfValue => {
  if (value === unknownValue) return unknownValue;
  if (isList(value)) {
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new TerraformEvaluationError(`a list is indexed by number, not "${key}"`);
    if (key < 0 || key >= value.length) throw new TerraformEvaluationError(`index ${key} is out of range for a list of ${value.length}`);
    return value[key] ?? null;
  }
  if (isTfObject(value)) {
    const name = String(key);
    if (name in value) return value[name] ?? null;
    // An attribute a typed object may leave out (optional): only an index of a missing key is an error.
    if (!byIndex) return unknownValue;
    throw new TerraformEvaluationError(`the map has no element "${name}"`);
  }
  throw new TerraformEvaluationError(`cannot access "${key}" on a ${typeName(value)} value`);
};

const compareNumbers = (operator: string, left: number, right: number): boolean => {
  switch (operator) {
    case 'lessThan':
      return left < right;
    case 'lessThanOrEqual':
      return left <= right;
    case 'greaterThan':
      return left > right;
    default:
      return left >= right;
  }
};

const arithmetic = (operator: string, left: number, right: number): number => {
  switch (operator) {
    case 'add':
      return left + right;
    case 'subtract':
      return left - right;
    case 'multiply':
      return left * right;
    case 'divide':
      if (right === 0) throw new TerraformEvaluationError('division by zero');
      return left / right;
    default:
      if (right === 0) throw new TerraformEvaluationError('modulo by zero');
      return left % right;
  }
};

/**
 * Evaluates a module's expressions offline for given input variables (others take their default, or unknown):
 * literals, templates, operators, conditionals, `for`, locals, `each`/`count`, and the built-in functions in
 * functions.ts. Resource, data source and module attributes are unknown. What Terraform itself would reject
 * raises TerraformEvaluationError.
 */
class Evaluator {
  private readonly locals = new Map<string, Promise<TfValue>>();
  private readonly evaluatingLocals = new Set<string>();
  private readonly converted = new Map<string, Promise<TfValue>>();

  constructor(
    private readonly module: TfModule,
    private readonly variables: ReadonlyMap<string, TfValue> = new Map(),
  ) {}

  /** The value of an hcl2json value: literals as they are, `${...}` strings parsed and evaluated. */
  async value(value: HclValue | undefined, scope: Scope = noScope): Promise<TfValue> {
    if (value === undefined) return null;
    if (typeof value === 'string') {
      if (!value.includes('${') && !value.includes('%{')) return value;
      const parsed = await parseExpression(expressionSource(value));
      return parsed ? this.node(parsed, parsed.ast, scope) : unknownValue;
    }
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.value(item, scope)));
    if (isObject(value)) {
      const entries = await Promise.all(
        Object.entries(value).map(async ([key, item]) => [key, key.includes('${') ? unknownValue : await this.value(item, scope)] as const),
      );
      return Object.fromEntries<TfValue>(entries);
    }
    return value;
  }

  /** The variable's given value, else its default, converted to its type (optional attributes filled in). */
  private variable(name: string): Promise<TfValue> {
    let value = this.converted.get(name);
    if (!value) {
      value = (async () => {
        const declaration = this.module.variables.find((block) => block.labels[0] === name);
        if (!declaration) return unknownValue;
        const given = this.variables.has(name) ? (this.variables.get(name) ?? null) : undefined;
        const raw = given !== undefined ? given : 'default' in declaration.body ? await this.value(declaration.body.default) : unknownValue;
        return convertToType(declaration.body.type, raw, (node, parsed) => this.node(parsed, node, noScope));
      })();
      this.converted.set(name, value);
    }
    return value;
  }

  private local(name: string): Promise<TfValue> {
    let value = this.locals.get(name);
    if (value) return value;
    if (this.evaluatingLocals.has(name)) return Promise.resolve(unknownValue);
    const block = this.module.locals.get(name);
    if (!block) return Promise.resolve(unknownValue);
    this.evaluatingLocals.add(name);
    value = this.value(block.body[name]).finally(() => this.evaluatingLocals.delete(name));
    this.locals.set(name, value);
    return value;
  }

  private async root(parts: readonly TraversalPart[], scope: Scope): Promise<{ value: TfValue; used: number }> {
    const [first, second] = parts;
    const name = first?.segment ?? '';
    if (scope.has(name)) return { value: scope.get(name) ?? null, used: 1 };
    if (name === 'var' && second) return { value: await this.variable(second.segment), used: 2 };
    if (name === 'local' && second) return { value: await this.local(second.segment), used: 2 };
    if (name === 'path' && second?.segment === 'module') return { value: this.module.dir, used: 2 };
    return { value: unknownValue, used: parts.length };
  }

  private walk(value: TfValue, parts: readonly TraversalPart[]): TfValue {
    return parts.reduce<TfValue>(
      (current, part) => (part.type === 'indexTraversal' ? step(current, indexKey(part), true) : step(current, part.segment, false)),
      value,
    );
  }

  private child(node: AstNode, index: number): AstNode {
    const child = node.children?.[index];
    if (!child) throw new TerraformEvaluationError(`malformed ${node.type} expression`);
    return child;
  }

  private async node(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    const children = node.children ?? [];
    switch (node.type) {
      case 'literalValue':
        return this.literal(node);
      case 'template':
        return this.template(parsed, node, scope);
      case 'templateWrap':
      case '':
        return children.length === 0 ? unknownValue : this.node(parsed, this.child(node, 0), scope);
      case 'tuple':
        return Promise.all(children.map((child) => this.node(parsed, child, scope)));
      case 'object':
        return this.object(parsed, node, scope);
      case 'scopeTraversal': {
        const parts = node.meta?.traversal ?? [];
        const { value, used } = await this.root(parts, scope);
        return this.walk(value, parts.slice(used));
      }
      case 'relativeTraversal':
        return this.walk(await this.node(parsed, this.child(node, 0), scope), node.meta?.traversal ?? []);
      case 'index': {
        const collection = await this.node(parsed, this.child(node, 0), scope);
        const key = await this.node(parsed, this.child(node, 1), scope);
        if (collection === unknownValue || containsUnknown(key)) return unknownValue;
        return step(collection, typeof key === 'number' ? key : asString(key, 'index'), true);
      }
      case 'function':
        return this.call(parsed, node, scope);
      case 'for':
        return this.forExpression(parsed, node, scope);
      case 'conditional': {
        const condition = await this.node(parsed, this.child(node, 0), scope);
        if (condition === unknownValue) return unknownValue;
        return this.node(parsed, this.child(node, asBoolean(condition, 'condition') ? 1 : 2), scope);
      }
      case 'binaryOp':
        return this.binary(parsed, node, scope);
      case 'unaryOp': {
        const operand = await this.node(parsed, this.child(node, 0), scope);
        if (operand === unknownValue) return unknownValue;
        return node.meta?.operator === 'logicalNot' ? !asBoolean(operand, '!') : -asNumber(operand, '-');
      }
      default:
        // Splat expressions and anything newer than this evaluator: unknown, never guessed.
        return unknownValue;
    }
  }

  private literal(node: AstNode): TfValue {
    const raw = node.meta?.value ?? '';
    switch (node.meta?.type ?? '') {
      case 'number':
        return Number(raw);
      case 'bool':
        return raw === 'true';
      case 'string':
        return decodeLiteral(raw);
      default:
        return null;
    }
  }

  private async template(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    let text = '';
    for (const part of node.children ?? []) {
      if (part.type === 'for') return unknownValue;
      const value = part.type === 'literalValue' ? this.literal(part) : await this.node(parsed, part, scope);
      if (value === unknownValue) return unknownValue;
      if (value === null) throw new TerraformEvaluationError('a template cannot interpolate null');
      text += asString(value, 'template');
    }
    return text;
  }

  private async object(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    const children = node.children ?? [];
    const result: Record<string, TfValue> = {};
    for (let index = 0; index + 1 < children.length; index += 2) {
      const keyNode = this.child(node, index);
      let key: TfValue;
      if ((keyNode.children ?? []).length > 0) key = await this.node(parsed, keyNode, scope);
      else if (keyNode.range) key = Buffer.from(parsed.source).subarray(keyNode.range.start.byte, keyNode.range.end.byte).toString();
      else key = unknownValue;
      if (key === unknownValue) return unknownValue;
      result[asString(key, 'object key')] = await this.node(parsed, this.child(node, index + 1), scope);
    }
    return result;
  }

  private async call(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    const name = node.meta?.name ?? '';
    const children = node.children ?? [];
    if (name === 'can' || name === 'try') {
      for (const child of children) {
        try {
          const value = await this.node(parsed, child, scope);
          if (containsUnknown(value)) return unknownValue;
          return name === 'can' ? true : value;
        } catch (error) {
          if (!(error instanceof TerraformEvaluationError)) throw error;
          if (name === 'can') return false;
        }
      }
      throw new TerraformEvaluationError('try(): no expression succeeded');
    }
    const args = await Promise.all(children.map((child) => this.node(parsed, child, scope)));
    if (node.meta?.expandedFinalArgument) {
      const last = args.pop() ?? null;
      if (last === unknownValue) return unknownValue;
      if (!isList(last)) throw new TerraformEvaluationError(`${name}(): only a list can be expanded with ...`);
      args.push(...last);
    }
    return callFunction(name, args);
  }

  private async forExpression(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    const meta = node.meta ?? {};
    if (meta.groupedValue) return unknownValue;
    const collection = await this.node(parsed, this.child(node, 0), scope);
    if (collection === unknownValue) return unknownValue;
    const byKey = Boolean(meta.keyExpression);
    const valueIndex = byKey ? 2 : 1;
    let entries: [TfValue, TfValue][];
    if (isList(collection)) entries = collection.map((item, index) => [index, item]);
    else if (isTfObject(collection)) entries = Object.keys(collection).sort().map((key) => [key, collection[key] ?? null]);
    else throw new TerraformEvaluationError(`for: cannot iterate over a ${typeName(collection)} value`);
    const list: TfValue[] = [];
    const object: Record<string, TfValue> = {};
    for (const [key, item] of entries) {
      const inner = new Map(scope);
      if (meta.keyVar) inner.set(meta.keyVar, key);
      inner.set(meta.valVar ?? '', item);
      if (meta.conditionalExpression) {
        const keep = await this.node(parsed, this.child(node, valueIndex + 1), inner);
        if (keep === unknownValue) return unknownValue;
        if (!asBoolean(keep, 'for condition')) continue;
      }
      const value = await this.node(parsed, this.child(node, valueIndex), inner);
      if (!byKey) {
        list.push(value);
        continue;
      }
      const objectKey = await this.node(parsed, this.child(node, 1), inner);
      if (objectKey === unknownValue) return unknownValue;
      const text = asString(objectKey, 'for key');
      if (text in object) throw new TerraformEvaluationError(`for: duplicate key "${text}"`);
      object[text] = value;
    }
    return byKey ? object : list;
  }

  private async binary(parsed: ParsedExpression, node: AstNode, scope: Scope): Promise<TfValue> {
    const operator = node.meta?.operator ?? '';
    const left = await this.node(parsed, this.child(node, 0), scope);
    if (operator === 'logicalAnd' || operator === 'logicalOr') {
      const decisive = operator === 'logicalOr';
      if (left !== unknownValue && asBoolean(left, operator) === decisive) return decisive;
      const right = await this.node(parsed, this.child(node, 1), scope);
      if (right !== unknownValue && asBoolean(right, operator) === decisive) return decisive;
      return left === unknownValue || right === unknownValue ? unknownValue : !decisive;
    }
    const right = await this.node(parsed, this.child(node, 1), scope);
    if (containsUnknown(left) || containsUnknown(right)) return unknownValue;
    if (operator === 'equal') return equalValues(left, right);
    if (operator === 'notEqual') return !equalValues(left, right);
    const [a, b] = [asNumber(left, operator), asNumber(right, operator)];
    return operator.startsWith('less') || operator.startsWith('greater') ? compareNumbers(operator, a, b) : arithmetic(operator, a, b);
  }
}

export { Evaluator, type Scope };
