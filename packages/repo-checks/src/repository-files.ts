import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file lives in packages/repo-checks/src, three levels below the repository root. */
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Installed, generated or tool-owned trees, and test fixtures (which may be broken on purpose). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.turbo', '.terraform', 'dist', 'lib', 'coverage', '.cache', 'fixtures']);

/** A repository file, by absolute path and by the repository-relative POSIX path findings are reported with. */
interface RepositoryFile {
  readonly path: string;
  readonly name: string;
}

const walk = async (directory: string, accept: (name: string) => boolean, found: string[]): Promise<void> => {
  // A missing directory holds no files; `instanceof Error` is avoided because fs errors cross jest's realms.
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await walk(path, accept, found);
    else if (entry.isFile() && accept(entry.name)) found.push(path);
  }
};

/** Files below `directory` (repository-relative) whose base name passes `accept`, sorted by name. */
const findFiles = async (
  directory: string,
  accept: (name: string) => boolean,
  root = repositoryRoot,
): Promise<RepositoryFile[]> => {
  const found: string[] = [];
  await walk(join(root, directory), accept, found);
  return found
    .map((path) => ({ path, name: relative(root, path).split(sep).join('/') }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

const isYaml = (name: string): boolean => name.endsWith('.yml') || name.endsWith('.yaml');
const isMarkdown = (name: string): boolean => name.endsWith('.md');

export { findFiles, isMarkdown, isYaml, repositoryRoot };
export type { RepositoryFile };
