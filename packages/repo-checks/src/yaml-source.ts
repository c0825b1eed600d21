import { readFile } from 'node:fs/promises';

import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';

import { YamlParseError } from './errors.js';

/** A parsed YAML text that still knows where each node came from, so findings can name a line. */
interface YamlSource {
  readonly source: string;
  readonly text: string;
  readonly value: unknown;
  /** Line number of a node at `path`, or of the document start when the path does not exist. */
  lineAt(path: readonly (string | number)[]): number;
  /** The full source line a node at `path` starts on (trailing comments included). */
  lineTextAt(path: readonly (string | number)[]): string;
}

/**
 * Parses YAML 1.2 as GitHub does (so `on:` stays a string key, not a boolean).
 * `firstLine` shifts reported lines for snippets cut out of a larger file.
 */
const parseYaml = (text: string, source: string, firstLine = 1): YamlSource => {
  const lineCounter = new LineCounter();
  const document: Document.Parsed = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [firstError] = document.errors;
  if (firstError !== undefined) {
    const offset = firstError.pos[0];
    throw new YamlParseError(source, firstLine - 1 + lineCounter.linePos(offset).line, firstError.message);
  }
  const lines = text.split('\n');
  // A mapping entry is reported at its key (`build:`), not at its value's first line.
  const lineIndexAt = (path: readonly (string | number)[]): number => {
    const parent: unknown = path.length === 0 ? undefined : document.getIn(path.slice(0, -1), true);
    const key = path.at(-1);
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined;
    const node: unknown = pair?.key ?? document.getIn(path, true);
    const offset = isNode(node) && node.range !== undefined && node.range !== null ? node.range[0] : 0;
    return lineCounter.linePos(offset).line - 1;
  };
  return {
    source,
    text,
    value: document.toJS({ maxAliasCount: 100 }),
    lineAt: (path) => firstLine + lineIndexAt(path),
    lineTextAt: (path) => lines[lineIndexAt(path)] ?? '',
  };
};

const readYamlFile = async (file: string, displayName: string): Promise<YamlSource> => {
  return parseYaml(await readFile(file, 'utf8'), displayName);
};

export { parseYaml, readYamlFile };
export type { YamlSource };
