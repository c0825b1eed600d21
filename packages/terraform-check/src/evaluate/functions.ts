import { blockSize, formatAddress, parseCidr, FAMILY_BITS, type Cidr } from '../cidr.js';
import { TerraformEvaluationError } from '../errors.js';
import {
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
} from './tf-value.js';

// Terraform's built-in functions that variable validations and resource names in modules use. A function missing
// here evaluates to unknown: the rules then judge nothing rather than something wrong.

interface TfFunction {
  readonly call: (args: readonly TfValue[]) => TfValue;
  /** Called even when an argument holds unknowns (it can still answer from the known parts). */
  readonly partial?: boolean;
}

const arg = (args: readonly TfValue[], index: number, name: string): TfValue => {
  if (index >= args.length) throw new TerraformEvaluationError(`${name}(): argument ${index + 1} is missing`);
  return args[index] ?? null;
};

const stringArg = (args: readonly TfValue[], index: number, name: string): string => {
  return asString(arg(args, index, name), `${name}()`);
};

const numberArg = (args: readonly TfValue[], index: number, name: string): number => {
  return asNumber(arg(args, index, name), `${name}()`);
};

const listArg = (args: readonly TfValue[], index: number, name: string): readonly TfValue[] => {
  return asCollection(arg(args, index, name), `${name}()`);
};

const objectArg = (args: readonly TfValue[], index: number, name: string): TfObject => {
  const value = arg(args, index, name);
  if (!isTfObject(value)) throw new TerraformEvaluationError(`${name}(): a map or object is required, got ${typeName(value)}`);
  return value;
};

/** Sets of strings iterate in lexical order in Terraform; other elements keep their first-seen order. */
const toSet = (items: readonly TfValue[]): TfValue[] => {
  const unique = items.filter((item, index) => items.findIndex((other) => equalValues(other, item)) === index);
  return unique.every((item) => typeof item === 'string') ? [...unique].sort() : unique;
};

const RE2_FLAGS = /^\(\?([imsU]+)\)/;

const compiled = new Map<string, RegExp | undefined>();

/** RE2 (Terraform's regex dialect) as a JavaScript RegExp, for the syntax both share; undefined otherwise. */
const re2 = (pattern: string, global = false): RegExp | undefined => {
  const key = `${global ? 'g' : ''}/${pattern}`;
  if (!compiled.has(key)) compiled.set(key, compileRe2(pattern, global));
  const expression = compiled.get(key);
  if (expression) expression.lastIndex = 0;
  return expression;
};

const compileRe2 = (pattern: string, global: boolean): RegExp | undefined => {
  if (/\\[QEC]|\(\?[^:<P!=]/.test(pattern.replace(RE2_FLAGS, ''))) return undefined;
  const flags = RE2_FLAGS.exec(pattern)?.[1] ?? '';
  if (flags.includes('U')) return undefined;
  const source = pattern.replace(RE2_FLAGS, '').replaceAll('(?P<', '(?<').replaceAll('\\A', '^').replaceAll('\\z', '$');
  for (const unicode of ['u', '']) {
    try {
      return new RegExp(source, `${flags}${unicode}${global ? 'g' : ''}`);
    } catch {
      // Retried without the u flag: it rejects identity escapes such as \- that RE2 accepts.
    }
  }
  return undefined;
};

const matchValue = (match: RegExpExecArray): TfValue => {
  if (match.groups) return { ...match.groups };
  return match.length > 1 ? match.slice(1).map((group) => group ?? '') : (match[0] ?? '');
};

const regexFunction = (args: readonly TfValue[]): TfValue => {
  const expression = re2(stringArg(args, 0, 'regex'));
  if (!expression) return unknownValue;
  const match = expression.exec(stringArg(args, 1, 'regex'));
  if (!match) throw new TerraformEvaluationError('regex(): pattern did not match any part of the given string');
  return matchValue(match);
};

const regexallFunction = (args: readonly TfValue[]): TfValue => {
  const expression = re2(stringArg(args, 0, 'regexall'), true);
  if (!expression) return unknownValue;
  return [...stringArg(args, 1, 'regexall').matchAll(expression)].map(matchValue);
};

const cidrArg = (args: readonly TfValue[], name: string): Cidr => {
  const cidr = parseCidr(stringArg(args, 0, name));
  if (!cidr) throw new TerraformEvaluationError(`${name}(): invalid CIDR address`);
  return cidr;
};

const cidrhost = (args: readonly TfValue[]): TfValue => {
  const cidr = cidrArg(args, 'cidrhost');
  const hostNumber = BigInt(Math.trunc(numberArg(args, 1, 'cidrhost')));
  const size = blockSize(cidr);
  const host = hostNumber < 0n ? size + hostNumber : hostNumber;
  if (host < 0n || host >= size) throw new TerraformEvaluationError('cidrhost(): prefix has no host with that number');
  return formatAddress(cidr.family, cidr.network + host);
};

const cidrsubnet = (args: readonly TfValue[]): TfValue => {
  const cidr = cidrArg(args, 'cidrsubnet');
  const newBits = numberArg(args, 1, 'cidrsubnet');
  const netNumber = BigInt(Math.trunc(numberArg(args, 2, 'cidrsubnet')));
  const prefix = cidr.prefix + newBits;
  if (prefix > FAMILY_BITS[cidr.family] || netNumber < 0n || netNumber >= 1n << BigInt(newBits)) {
    throw new TerraformEvaluationError('cidrsubnet(): not enough remaining address space');
  }
  const network = cidr.network + netNumber * (1n << BigInt(FAMILY_BITS[cidr.family] - prefix));
  return `${formatAddress(cidr.family, network)}/${prefix}`;
};

const substr = (args: readonly TfValue[]): TfValue => {
  const characters = [...stringArg(args, 0, 'substr')];
  const offset = numberArg(args, 1, 'substr');
  const length = numberArg(args, 2, 'substr');
  const start = offset < 0 ? Math.max(0, characters.length + offset) : offset;
  if (start > characters.length) throw new TerraformEvaluationError('substr(): offset is greater than the length of the string');
  return characters.slice(start, length < 0 ? undefined : start + length).join('');
};

const format = (args: readonly TfValue[]): TfValue => {
  let index = 1;
  const text = stringArg(args, 0, 'format').replace(/%(%|s|d|v)/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const value = arg(args, index++, 'format');
    return verb === 'd' ? String(Math.trunc(asNumber(value, 'format()'))) : asString(value, 'format()');
  });
  return /%[^%sdv]/.test(stringArg(args, 0, 'format')) ? unknownValue : text;
};

const flatten = (items: readonly TfValue[]): TfValue[] => {
  return items.flatMap((item) => (isList(item) ? flatten(item) : [item]));
};

const lengthOf = (args: readonly TfValue[]): TfValue => {
  const value = arg(args, 0, 'length');
  if (typeof value === 'string') return [...value].length;
  if (isList(value)) return value.length;
  if (isTfObject(value)) return Object.keys(value).length;
  throw new TerraformEvaluationError(`length(): a collection or string is required, got ${typeName(value)}`);
};

const contains = (args: readonly TfValue[]): TfValue => {
  const list = listArg(args, 0, 'contains');
  const wanted = arg(args, 1, 'contains');
  if (containsUnknown(wanted)) return unknownValue;
  if (list.some((item) => equalValues(item, wanted))) return true;
  return list.some(containsUnknown) ? unknownValue : false;
};

const allOrAny = (name: string, all: boolean) => {
  return (args: readonly TfValue[]): TfValue => {
    const items = listArg(args, 0, name).map((item) => (item === unknownValue ? unknownValue : asBoolean(item, `${name}()`)));
    if (items.includes(!all)) return !all;
    return items.includes(unknownValue) ? unknownValue : all;
  };
};

const keysOf = (args: readonly TfValue[]): TfValue => {
  return Object.keys(objectArg(args, 0, 'keys')).sort();
};

const range = (args: readonly TfValue[]): TfValue => {
  const numbers = args.map((value) => asNumber(value, 'range()'));
  const [start, limit, step] = numbers.length === 1 ? [0, numbers[0] ?? 0, 1] : [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 1];
  if (step === 0 || (limit - start) / step > 1024) throw new TerraformEvaluationError('range(): more than 1024 values');
  const values: number[] = [];
  for (let value = start; step > 0 ? value < limit : value > limit; value += step) values.push(value);
  return values;
};

const merge = (args: readonly TfValue[]): TfValue => {
  const objects = args.filter((value) => value !== null);
  return Object.assign({}, ...objects.map((_, index) => objectArg(objects, index, 'merge'))) as TfObject;
};

const coalesce = (args: readonly TfValue[]): TfValue => {
  for (const value of args) {
    if (value !== null && value !== '') return value;
  }
  throw new TerraformEvaluationError('coalesce(): no non-null, non-empty-string arguments');
};

const coalescelist = (args: readonly TfValue[]): TfValue => {
  for (const value of args) {
    if (isList(value) && value.length > 0) return value;
  }
  throw new TerraformEvaluationError('coalescelist(): no non-null arguments');
};

const lookup = (args: readonly TfValue[]): TfValue => {
  const map = objectArg(args, 0, 'lookup');
  const key = stringArg(args, 1, 'lookup');
  if (key in map) return map[key] ?? null;
  if (args.length > 2) return arg(args, 2, 'lookup');
  throw new TerraformEvaluationError(`lookup(): the given key "${key}" does not exist`);
};

const setproduct = (args: readonly TfValue[]): TfValue => {
  return args.reduce<TfValue[][]>(
    (product, value) => product.flatMap((prefix) => asCollection(value, 'setproduct()').map((item) => [...prefix, item])),
    [[]],
  );
};

const tonumber = (args: readonly TfValue[]): TfValue => {
  const value = arg(args, 0, 'tonumber');
  return value === null ? null : asNumber(value, 'tonumber()');
};

const tostring = (args: readonly TfValue[]): TfValue => {
  const value = arg(args, 0, 'tostring');
  return value === null ? null : asString(value, 'tostring()');
};

const one = (args: readonly TfValue[]): TfValue => {
  const list = listArg(args, 0, 'one');
  if (list.length > 1) throw new TerraformEvaluationError('one(): must be a list, set or tuple with at most one element');
  return list[0] ?? null;
};

const base64encode = (args: readonly TfValue[]): TfValue => {
  return Buffer.from(stringArg(args, 0, 'base64encode'), 'utf8').toString('base64');
};

const jsonencode = (args: readonly TfValue[]): TfValue => {
  return JSON.stringify(arg(args, 0, 'jsonencode'));
};

const jsondecode = (args: readonly TfValue[]): TfValue => {
  try {
    return JSON.parse(stringArg(args, 0, 'jsondecode')) as TfValue;
  } catch {
    throw new TerraformEvaluationError('jsondecode(): invalid JSON');
  }
};

const stringFunction = (name: string, apply: (text: string, args: readonly TfValue[]) => TfValue): TfFunction => {
  return { call: (args) => apply(stringArg(args, 0, name), args) };
};

const functions: Readonly<Record<string, TfFunction>> = {
  abs: { call: (args) => Math.abs(numberArg(args, 0, 'abs')) },
  alltrue: { call: allOrAny('alltrue', true), partial: true },
  anytrue: { call: allOrAny('anytrue', false), partial: true },
  base64encode: { call: base64encode },
  ceil: { call: (args) => Math.ceil(numberArg(args, 0, 'ceil')) },
  cidrhost: { call: cidrhost },
  cidrsubnet: { call: cidrsubnet },
  coalesce: { call: coalesce },
  coalescelist: { call: coalescelist },
  compact: { call: (args) => listArg(args, 0, 'compact').filter((item) => item !== null && item !== '') },
  concat: { call: (args) => args.flatMap((value) => [...asCollection(value, 'concat()')]), partial: true },
  contains: { call: contains, partial: true },
  distinct: { call: (args) => listArg(args, 0, 'distinct').filter((item, index, all) => all.findIndex((other) => equalValues(other, item)) === index) },
  endswith: stringFunction('endswith', (text, args) => text.endsWith(stringArg(args, 1, 'endswith'))),
  flatten: { call: (args) => flatten(listArg(args, 0, 'flatten')), partial: true },
  floor: { call: (args) => Math.floor(numberArg(args, 0, 'floor')) },
  format: { call: format },
  join: { call: (args) => listArg(args, 1, 'join').map((item) => asString(item, 'join()')).join(stringArg(args, 0, 'join')) },
  jsondecode: { call: jsondecode },
  jsonencode: { call: jsonencode },
  keys: { call: keysOf, partial: true },
  length: { call: lengthOf, partial: true },
  lookup: { call: lookup },
  lower: stringFunction('lower', (text) => text.toLowerCase()),
  max: { call: (args) => Math.max(...args.map((value) => asNumber(value, 'max()'))) },
  merge: { call: merge, partial: true },
  min: { call: (args) => Math.min(...args.map((value) => asNumber(value, 'min()'))) },
  one: { call: one },
  range: { call: range },
  regex: { call: regexFunction },
  regexall: { call: regexallFunction },
  replace: stringFunction('replace', (text, args) => {
    const search = stringArg(args, 1, 'replace');
    // replace("x", "/re/", ...) is a regular expression replacement: not modelled.
    return search.length > 1 && search.startsWith('/') && search.endsWith('/') ? unknownValue : text.replaceAll(search, stringArg(args, 2, 'replace'));
  }),
  reverse: { call: (args) => [...listArg(args, 0, 'reverse')].reverse() },
  setproduct: { call: setproduct },
  slice: { call: (args) => listArg(args, 0, 'slice').slice(numberArg(args, 1, 'slice'), numberArg(args, 2, 'slice')) },
  sort: { call: (args) => listArg(args, 0, 'sort').map((item) => asString(item, 'sort()')).sort() },
  split: { call: (args) => stringArg(args, 1, 'split').split(stringArg(args, 0, 'split')) },
  startswith: stringFunction('startswith', (text, args) => text.startsWith(stringArg(args, 1, 'startswith'))),
  strcontains: stringFunction('strcontains', (text, args) => text.includes(stringArg(args, 1, 'strcontains'))),
  substr: { call: substr },
  tobool: { call: (args) => (arg(args, 0, 'tobool') === null ? null : asBoolean(arg(args, 0, 'tobool'), 'tobool()')) },
  tolist: { call: (args) => [...listArg(args, 0, 'tolist')], partial: true },
  tomap: { call: (args) => objectArg(args, 0, 'tomap'), partial: true },
  tonumber: { call: tonumber },
  toset: { call: (args) => toSet(listArg(args, 0, 'toset')) },
  tostring: { call: tostring },
  trimprefix: stringFunction('trimprefix', (text, args) => {
    const prefix = stringArg(args, 1, 'trimprefix');
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  }),
  trimspace: stringFunction('trimspace', (text) => text.trim()),
  trimsuffix: stringFunction('trimsuffix', (text, args) => {
    const suffix = stringArg(args, 1, 'trimsuffix');
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  }),
  upper: stringFunction('upper', (text) => text.toUpperCase()),
  values: { call: (args) => asCollection(objectArg(args, 0, 'values'), 'values()'), partial: true },
};

/** Calls a built-in function; unknown for functions not modelled, or when an argument it needs is unknown. */
const callFunction = (name: string, args: readonly TfValue[]): TfValue => {
  const fn = functions[name];
  if (!fn) return unknownValue;
  // Partial functions see unknowns inside collections (a list whose other elements decide), never a wholly unknown argument.
  if (fn.partial ? args.includes(unknownValue) : args.some(containsUnknown)) return unknownValue;
  return fn.call(args);
};

export { callFunction, re2 };
