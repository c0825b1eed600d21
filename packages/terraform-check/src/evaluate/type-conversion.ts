import { TerraformEvaluationError } from '../errors.js';
import { expressionSource, parseExpression, type AstNode, type ParsedExpression } from '../expression-ast.js';
import type { HclValue } from '../hcl.js';
import { asBoolean, asNumber, asString, isList, isTfObject, typeName, unknownValue, type TfValue } from './tf-value.js';

// A variable's value as Terraform hands it to expressions: converted to the declared type constraint, with the
// attributes an `optional(...)` leaves out set to their default (or null).

type LiteralEvaluator = (node: AstNode, parsed: ParsedExpression) => Promise<TfValue>;

const keyText = (parsed: ParsedExpression, node: AstNode): string | undefined => {
  const inner = node.children?.[0];
  if (inner?.type === 'template' && inner.children?.[0]?.type === 'literalValue') return inner.children[0].meta?.value;
  if (!node.range) return undefined;
  return Buffer.from(parsed.source).subarray(node.range.start.byte, node.range.end.byte).toString();
};

const convertObject = async (parsed: ParsedExpression, spec: AstNode, value: TfValue, literal: LiteralEvaluator): Promise<TfValue> => {
  if (!isTfObject(value)) throw new TerraformEvaluationError(`an object is required, got ${typeName(value)}`);
  const attributes = spec.children ?? [];
  const result: Record<string, TfValue> = {};
  for (let index = 0; index + 1 < attributes.length; index += 2) {
    const name = keyText(parsed, attributes[index] ?? { type: '' });
    const attributeType = attributes[index + 1];
    if (name === undefined || !attributeType) return unknownValue;
    const optional = attributeType.type === 'function' && attributeType.meta?.name === 'optional';
    const innerType = optional ? attributeType.children?.[0] : attributeType;
    if (!innerType) return unknownValue;
    if (name in value && value[name] !== null) {
      result[name] = await convert(parsed, innerType, value[name] ?? null, literal);
    } else if (optional) {
      const fallback = attributeType.children?.[1];
      result[name] = fallback ? await convert(parsed, innerType, await literal(fallback, parsed), literal) : null;
    } else if (name in value) {
      result[name] = null;
    } else {
      throw new TerraformEvaluationError(`attribute "${name}" is required`);
    }
  }
  return result;
};

const convert = async (parsed: ParsedExpression, type: AstNode, value: TfValue, literal: LiteralEvaluator): Promise<TfValue> => {
  if (value === unknownValue || value === null) return value;
  if (type.type === 'scopeTraversal') {
    switch (type.meta?.fullAccessor ?? '') {
      case 'string':
        return asString(value, 'string');
      case 'number':
        return asNumber(value, 'number');
      case 'bool':
        return asBoolean(value, 'bool');
      default:
        return value;
    }
  }
  const spec = type.children?.[0];
  if (type.type !== 'function' || !spec) return value;
  switch (type.meta?.name ?? '') {
    case 'object':
      return convertObject(parsed, spec, value, literal);
    case 'map': {
      if (!isTfObject(value)) throw new TerraformEvaluationError(`a map is required, got ${typeName(value)}`);
      const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await convert(parsed, spec, item, literal)] as const));
      return Object.fromEntries<TfValue>(entries);
    }
    case 'list':
    case 'set':
      if (!isList(value)) throw new TerraformEvaluationError(`a list is required, got ${typeName(value)}`);
      return Promise.all(value.map((item) => convert(parsed, spec, item, literal)));
    default:
      return value;
  }
};

/** Converts `value` to the type constraint written as `type` (an hcl2json `${...}` string); as is without one. */
const convertToType = async (type: HclValue | undefined, value: TfValue, literal: LiteralEvaluator): Promise<TfValue> => {
  if (typeof type !== 'string') return value;
  const parsed = await parseExpression(expressionSource(type));
  return parsed ? convert(parsed, parsed.ast, value, literal) : value;
};

export { convertToType, type LiteralEvaluator };
