import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { SEVERITY, type Finding } from './findings.js';
import { blocksOf, expressionsIn, isObject, parseHclFile, type HclObject, type HclValue } from './hcl.js';
import { blockEndLine, blockHeaderLine } from './source-text.js';
import { ScanError } from './errors.js';

interface TfFile {
  /** Path as displayed in findings. */
  readonly path: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly lines: readonly string[];
  readonly body: HclObject;
}

interface TfBlock {
  readonly file: TfFile;
  /** Header line and last line (1-based) of the block in its file. */
  readonly line: number;
  readonly endLine: number;
  readonly labels: readonly string[];
  readonly body: HclObject;
}

interface TfModule {
  /** Absolute directory, and the directory as displayed. */
  readonly dir: string;
  readonly displayDir: string;
  readonly files: readonly TfFile[];
  readonly resources: readonly TfBlock[];
  readonly dataSources: readonly TfBlock[];
  readonly variables: readonly TfBlock[];
  readonly outputs: readonly TfBlock[];
  /** Where each local value is declared (the last one wins when declared twice), and every locals block. */
  readonly locals: ReadonlyMap<string, TfBlock>;
  readonly localBlocks: readonly TfBlock[];
  readonly moduleCalls: readonly TfBlock[];
  readonly providers: readonly TfBlock[];
  readonly terraformBlocks: readonly TfBlock[];
  readonly checks: readonly TfBlock[];
  readonly movedBlocks: readonly TfBlock[];
  readonly syntaxErrors: readonly Finding[];
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.terraform', '.git']);

const makeBlock = (file: TfFile, keyword: string, labels: string[], body: HclObject, occurrence: number): TfBlock => {
  const line = blockHeaderLine(file.text, keyword, labels, occurrence);
  return { file, line, endLine: blockEndLine(file.lines, line), labels, body };
};

/** Flattens hcl2json's `{ type: { name: [body] } }` nesting into blocks with their labels. */
const labelledBlocks = (file: TfFile, keyword: string, depth: number): TfBlock[] => {
  const walk = (value: HclValue | undefined, labels: string[]): TfBlock[] => {
    if (labels.length === depth) return blocksOf(value).map((body, occurrence) => makeBlock(file, keyword, labels, body, occurrence));
    if (!isObject(value)) return [];
    return Object.entries(value).flatMap(([label, inner]) => walk(inner, [...labels, label]));
  };
  return walk(file.body[keyword], []);
};

const readTfFile = async (absolutePath: string, cwd: string): Promise<{ file?: TfFile; error?: Finding }> => {
  const text = await readFile(absolutePath, 'utf8');
  const path = relative(cwd, absolutePath) || absolutePath;
  const parsed = await parseHclFile(path, text);
  if ('error' in parsed) {
    return { error: { file: path, line: parsed.error.line, rule: 'syntax', severity: SEVERITY.Error, message: parsed.error.message } };
  }
  return { file: { path, absolutePath, text, lines: text.split('\n'), body: parsed.body } };
};

const loadModule = async (path: string, cwd: string = process.cwd()): Promise<TfModule> => {
  const dir = resolve(cwd, path);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.tf')).sort();
  const files: TfFile[] = [];
  const syntaxErrors: Finding[] = [];
  for (const name of names) {
    const { file, error } = await readTfFile(join(dir, name), cwd);
    if (file) files.push(file);
    if (error) syntaxErrors.push(error);
  }
  const all = (keyword: string, depth: number) => files.flatMap((file) => labelledBlocks(file, keyword, depth));
  const localBlocks = all('locals', 0);
  const locals = new Map<string, TfBlock>();
  for (const block of localBlocks) {
    for (const name of Object.keys(block.body)) locals.set(name, block);
  }
  return {
    dir,
    displayDir: relative(cwd, dir) || '.',
    files,
    resources: all('resource', 2),
    dataSources: all('data', 2),
    variables: all('variable', 1),
    outputs: all('output', 1),
    locals,
    localBlocks,
    moduleCalls: all('module', 1),
    providers: all('provider', 1),
    terraformBlocks: all('terraform', 0),
    checks: all('check', 1),
    movedBlocks: all('moved', 0),
    syntaxErrors,
  };
};

/** The blocks whose expressions can refer to anything: resources, data sources, outputs, module calls, locals. */
const expressionBlocks = (module: TfModule): TfBlock[] => {
  return [...module.resources, ...module.dataSources, ...module.outputs, ...module.moduleCalls, ...module.localBlocks];
};

/** Every expression string behind the values, followed by those of the locals they use (transitively). */
const expressionsWithLocals = (module: TfModule, values: readonly (HclValue | undefined)[]): string[] => {
  const texts: string[] = [];
  const seen = new Set<string>();
  const pending = values.flatMap((value) => expressionsIn(value));
  for (let text = pending.shift(); text !== undefined; text = pending.shift()) {
    texts.push(text);
    for (const [, name = ''] of text.matchAll(/\blocal\.(\w+)/g)) {
      if (seen.has(name)) continue;
      seen.add(name);
      pending.push(...expressionsIn(module.locals.get(name)?.body[name]));
    }
  }
  return texts;
};

/** Every directory holding .tf files at or below the roots, sorted. */
const findModuleDirs = async (roots: readonly string[]): Promise<string[]> => {
  const found = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name.endsWith('.tf'))) found.add(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await visit(join(dir, entry.name));
    }
  };
  for (const root of roots) {
    try {
      await visit(resolve(root));
    } catch (error) {
      throw new ScanError(root, { cause: error });
    }
  }
  return [...found].sort();
};

export { expressionBlocks, expressionsWithLocals, findModuleDirs, loadModule, type TfBlock, type TfFile, type TfModule };
