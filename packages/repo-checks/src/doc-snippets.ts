import { readFile } from 'node:fs/promises';

import { YamlParseError } from './errors.js';
import type { Finding } from './finding.js';
import type { MarkdownDocument } from './markdown-document.js';
import { parseMarkdown } from './markdown-document.js';
import { findFiles, isMarkdown } from './repository-files.js';
import { parseYaml } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

const YAML_LANGUAGES = new Set(['yaml', 'yml']);

interface YamlSnippets {
  readonly sources: readonly YamlSource[];
  readonly findings: readonly Finding[];
}

/** Every Markdown file we write: the root README, docs/, and each package's and module's README. */
const readRepositoryDocs = async (root: string): Promise<MarkdownDocument[]> => {
  const files = await findFiles('.', isMarkdown, root);
  return Promise.all(files.map(async (file) => parseMarkdown(await readFile(file.path, 'utf8'), file.name)));
};

/** Parses each fenced `yaml`/`yml` block, reporting the ones that do not parse at their line in the document. */
const parseYamlSnippets = (document: MarkdownDocument): YamlSnippets => {
  const sources: YamlSource[] = [];
  const findings: Finding[] = [];
  for (const block of document.codeBlocks.filter((code) => YAML_LANGUAGES.has(code.language))) {
    try {
      sources.push(parseYaml(block.text, document.file, block.line));
    } catch (error) {
      if (!(error instanceof YamlParseError)) throw error;
      findings.push({
        file: document.file,
        line: error.line,
        rule: 'yaml-snippet',
        message: `the snippet is not valid YAML (${error.detail}): fix it, readers copy it as it is.`,
      });
    }
  }
  return { sources, findings };
};

export { parseYamlSnippets, readRepositoryDocs };
export type { YamlSnippets };
