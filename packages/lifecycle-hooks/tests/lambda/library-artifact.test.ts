import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { packageDir } from '../support/lambda-zip.js';

// `import … from "x"`, `export … from "x"` and `import("x")` with a bare specifier (not ./, ../ or node:).
const BARE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*)["']((?!\.{1,2}\/|node:)[^"']+)["']/g;

const packageNameOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const readManifest = async (directory: string): Promise<{ private?: boolean; dependencies?: Record<string, string> }> =>
  JSON.parse(await readFile(path.join(directory, 'package.json'), 'utf8')) as { private?: boolean; dependencies?: Record<string, string> };

// npm test builds lib/ first (pretest), from the current sources.
describe('the library in lib/', () => {
  it('imports only published packages this package declares as dependencies', async () => {
    // Prepare
    const libDir = path.join(packageDir, 'lib');
    const files = (await readdir(libDir, { recursive: true })).filter((file) => file.endsWith('.js'));
    const manifest = await readManifest(packageDir);
    const published: string[] = [];
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const dependency = await readManifest(path.join(packageDir, '..', '..', 'node_modules', name));
      if (dependency.private !== true) published.push(name);
    }

    // Act
    const imported = new Set<string>();
    for (const file of files) {
      for (const [, specifier] of (await readFile(path.join(libDir, file), 'utf8')).matchAll(BARE_IMPORT)) {
        imported.add(packageNameOf(specifier ?? ''));
      }
    }

    // Assess
    expect(files).toContain('index.js');
    expect([...imported].filter((name) => !published.includes(name))).toEqual([]);
  });
});
