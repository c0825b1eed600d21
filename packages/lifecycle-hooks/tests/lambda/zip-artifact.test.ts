import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import { packageDir, zipPath } from '../support/lambda-zip.js';

const run = promisify(execFile);

// `import … from"./x.mjs"` in the minified bundle: what Node loads before any of the hook's code runs.
const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.[^"']+)["']/g;

const staticGraph = (entries: Record<string, Uint8Array>, entry: string): string[] => {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = Buffer.from(entries[name] ?? new Uint8Array()).toString('utf8');
    for (const [, specifier] of text.matchAll(STATIC_IMPORT)) visit(path.posix.join(path.posix.dirname(name), specifier ?? ''));
  };
  visit(entry);
  return [...seen];
};

// npm test does not build this package first (see turbo.json), so on a clean clone the zip on disk is the committed one.
describe('the committed Lambda zip', () => {
  it('is byte-for-byte what the build makes from the current sources (rebuild and commit it otherwise)', async () => {
    // Prepare
    const outDir = await mkdtemp(path.join(tmpdir(), 'greenlight-zip-'));

    // Act
    await run(process.execPath, [path.join(packageDir, 'scripts', 'build.mjs'), '--out-dir', outDir], { cwd: packageDir });

    // Assess
    const [rebuilt, committed] = await Promise.all([readFile(path.join(outDir, 'lifecycle-hook.zip')), readFile(zipPath)]);
    expect(rebuilt.equals(committed)).toBe(true);
  });

  it('holds index.mjs exporting the handler, its source map, and stays within 300 KB', async () => {
    // Act
    const bytes = await readFile(zipPath);
    const entries = unzipSync(new Uint8Array(bytes));

    // Assess
    expect(bytes.length).toBeLessThanOrEqual(300_000);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map']));
    const entry = Buffer.from(entries['index.mjs'] ?? new Uint8Array()).toString('utf8');
    expect(entry).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{[^}]*\bhandler\b/);
    expect(entry).toContain('//# sourceMappingURL=index.mjs.map');
  });

  it('loads no AWS SDK code at start: the SDK, and the error classification that uses its retry module, come lazily', async () => {
    // Prepare
    const entries = unzipSync(new Uint8Array(await readFile(zipPath)));

    // Act
    const loadedAtStart = staticGraph(entries, 'index.mjs');

    // Assess
    expect(loadedAtStart).toContain('index.mjs');
    // The SDK's retry middleware sets this header: any SDK core code in these files carries the string.
    const withSdkCode = loadedAtStart.filter((name) => Buffer.from(entries[name] ?? new Uint8Array()).toString('utf8').includes('amz-sdk-invocation-id'));
    expect(withSdkCode).toEqual([]);
  });
});
