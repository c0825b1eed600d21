import { format } from '@cdktf/hcl-tools';
import { soleInterpolation } from './hcl.js';

// hclwrite.Format splits `::` into `: :`, so provider-defined function calls are hidden behind a name of
// the same length (alignment stays right) and restored after formatting.
const PROVIDER_FUNCTION = /provider::([a-z0-9]+)::/g;
const PROVIDER_FUNCTION_MASK = /provider__([a-z0-9]+)__/g;

const LEGACY_TYPES: Readonly<Record<string, string>> = {
  '"string"': 'string',
  '"number"': 'number',
  '"bool"': 'bool',
  '"list"': 'list(string)',
  '"map"': 'map(string)',
  list: 'list(any)',
  map: 'map(any)',
};

const UNLABELLED_HEADER = /^(resource|data)\s+"?([\w-]+)"?\s+"?([\w-]+)"?\s*\{(.*)$/;
const LABELLED_HEADER = /^(\s*)(module|variable|output|provider|dynamic)\s+"?([\w-]+)"?\s*\{(.*)$/;
const ATTRIBUTE = /^(\s*[\w-]+\s*=\s*)(".*")(\s*)$/;

/** The rewrites `terraform fmt` makes on top of hclwrite.Format: quoted labels, legacy types, lone interpolations. */
const rewriteLine = (line: string, inVariable: boolean): string => {
  const header = UNLABELLED_HEADER.exec(line);
  if (header) return `${header[1]} "${header[2]}" "${header[3]}" {${header[4]}`;
  const labelled = LABELLED_HEADER.exec(line);
  if (labelled) return `${labelled[1]}${labelled[2]} "${labelled[3]}" {${labelled[4]}`;
  const type = /^(\s*type\s*=\s*)("?\w+"?)(\s*)$/.exec(line);
  if (inVariable && type && LEGACY_TYPES[type[2] ?? '']) return `${type[1]}${LEGACY_TYPES[type[2] ?? '']}${type[3]}`;
  const attribute = ATTRIBUTE.exec(line);
  const inner = attribute ? soleInterpolation(attribute[2]?.slice(1, -1)) : undefined;
  if (attribute && inner !== undefined && !inner.includes('${')) return `${attribute[1]}${inner.trim()}${attribute[3]}`;
  return line;
};

const rewrite = (text: string): string => {
  let inVariable = false;
  let heredoc: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      // Heredoc bodies are data (scripts, YAML, policies): terraform fmt leaves them byte for byte.
      if (heredoc !== undefined) {
        if (line.trim() === heredoc) heredoc = undefined;
        return line;
      }
      heredoc = /<<-?(\w+)\s*$/.exec(line)?.[1];
      if (/^\S/.test(line)) inVariable = line.startsWith('variable');
      return rewriteLine(line, inVariable);
    })
    .join('\n');
};

/** What `terraform fmt` would write for a file that parses. */
const formatTerraform = async (text: string): Promise<string> => {
  const masked = rewrite(text).replace(PROVIDER_FUNCTION, 'provider__$1__');
  return (await format(masked)).replace(PROVIDER_FUNCTION_MASK, 'provider::$1::');
};

/** 1-based line of the first difference between two texts. */
const firstDifference = (a: string, b: string): number => {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, position) => line !== right[position]);
  return (index === -1 ? Math.min(left.length, right.length) : index) + 1;
};

export { firstDifference, formatTerraform };
