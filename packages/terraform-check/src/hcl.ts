import { parse } from '@cdktf/hcl2json';

// hcl2json's JSON view: blocks become arrays of objects, every non-literal expression a "${...}" string.
type HclValue = string | number | boolean | null | HclValue[] | HclObject;
interface HclObject {
  [key: string]: HclValue;
}

interface HclSyntaxError {
  readonly line: number;
  readonly message: string;
}

type ParseResult = { readonly body: HclObject } | { readonly error: HclSyntaxError };

const DIAGNOSTIC = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]+)/;

/** Parses one file on its own, so that syntax errors point at this file (hcl2json's merge loses that). */
const parseHclFile = async (path: string, text: string): Promise<ParseResult> => {
  try {
    return { body: (await parse(path, text)) as HclObject };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const diagnostic = DIAGNOSTIC.exec(message);
    return {
      error: {
        line: diagnostic ? Number(diagnostic[1]) : 1,
        message: diagnostic ? `column ${diagnostic[2] ?? ''}: ${(diagnostic[3] ?? '').trim()}` : message.trim(),
      },
    };
  }
};

const isObject = (value: HclValue | undefined): value is HclObject => {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
};

/** Blocks are arrays of objects in hcl2json; returns them, or [] when the value is something else. */
const blocksOf = (value: HclValue | undefined): HclObject[] => {
  return Array.isArray(value) ? value.filter(isObject) : [];
};

const isExpression = (value: HclValue | undefined): value is string => {
  return typeof value === 'string' && value.includes('${');
};

/** Index of the `}` closing the `{` at `start`, skipping quoted strings; -1 when unbalanced. */
const closingBrace = (text: string, start: number): number => {
  let depth = 0;
  let quoted = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '\\') index += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
};

/** The inner expression when the whole string is one `${...}` interpolation (`"${var.x}"`), else undefined. */
const soleInterpolation = (value: HclValue | undefined): string | undefined => {
  if (typeof value !== 'string' || !value.startsWith('${')) return undefined;
  return closingBrace(value, 1) === value.length - 1 ? value.slice(2, -1) : undefined;
};

/** Every string value below `value` that holds an expression. */
const expressionsIn = (value: HclValue | undefined, into: string[] = []): string[] => {
  if (isExpression(value)) into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => expressionsIn(item, into));
  else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('${')) into.push(key);
      expressionsIn(item, into);
    }
  }
  return into;
};

export { blocksOf, closingBrace, expressionsIn, isObject, parseHclFile, soleInterpolation, type HclObject, type HclSyntaxError, type HclValue, type ParseResult };
