import { TerraformEvaluationError } from '../errors.js';

// Values of the offline evaluator. unknownValue stands for what only a plan knows (resource attributes, inputs
// without a value); it may sit inside lists and objects, so that known keys and elements stay usable.

const unknownValue: unique symbol = Symbol('unknown');

type Unknown = typeof unknownValue;

type TfValue = string | number | boolean | null | Unknown | readonly TfValue[] | TfObject;

interface TfObject {
  readonly [key: string]: TfValue;
}

const isList = (value: TfValue): value is readonly TfValue[] => {
  return Array.isArray(value);
};

const isTfObject = (value: TfValue): value is TfObject => {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
};

const containsUnknown = (value: TfValue): boolean => {
  if (value === unknownValue) return true;
  if (isList(value)) return value.some(containsUnknown);
  if (isTfObject(value)) return Object.values(value).some(containsUnknown);
  return false;
};

const typeName = (value: TfValue): string => {
  if (value === null) return 'null';
  if (isList(value)) return 'list';
  if (isTfObject(value)) return 'object';
  return typeof value;
};

/** Terraform's string conversion for templates and string functions: numbers and bools convert, others fail. */
const asString = (value: TfValue, context: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TerraformEvaluationError(`${context}: a string is required, got ${typeName(value)}`);
};

const asNumber = (value: TfValue, context: string): number => {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) return number;
  throw new TerraformEvaluationError(`${context}: a number is required, got ${typeName(value)}`);
};

const asBoolean = (value: TfValue, context: string): boolean => {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new TerraformEvaluationError(`${context}: a bool is required, got ${typeName(value)}`);
};

/** Lists, sets and tuples as an array; objects and maps iterate their values in key order, as Terraform does. */
const asCollection = (value: TfValue, context: string): readonly TfValue[] => {
  if (isList(value)) return value;
  if (isTfObject(value)) return Object.keys(value).sort().map((key) => value[key] ?? null);
  throw new TerraformEvaluationError(`${context}: a collection is required, got ${typeName(value)}`);
};

/** Terraform equality: same type and same content (1 and "1" differ). */
const equalValues = (a: TfValue, b: TfValue): boolean => {
  if (isList(a) && isList(b)) return a.length === b.length && a.every((item, index) => equalValues(item, b[index] ?? null));
  if (isTfObject(a) && isTfObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equalValues(a[key] ?? null, b[key] ?? null));
  }
  return a === b;
};

export {
  asBoolean,
  asCollection,
  asNumber,
  asString,
  containsUnknown,
  equalValues,
  isList,
  isTfObject,
  typeName,
  unknownValue,
  type TfObject,
  type TfValue,
  type Unknown,
};
