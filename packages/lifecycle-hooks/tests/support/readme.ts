import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageDir } from './lambda-zip.js';

/** The package README, which the tests hold to its examples. */
const readReadme = async (): Promise<string> => readFile(path.join(packageDir, 'README.md'), 'utf8');

/** The contents of the fenced code blocks of one language, in order. */
const codeBlocks = (markdown: string, language: string): string[] =>
  [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '');

export { codeBlocks, readReadme };
