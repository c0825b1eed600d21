import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { unzipSync } from 'fflate';
import { packageDir, zipPath } from '../helpers/lambda-zip.js';

const run = promisify(execFile);

// The zip as committed (HEAD), not as on disk: `npm test` runs the build first, which rewrites the file on disk.
// Outside a git checkout (an unpacked npm tarball) the file on disk is all there is.
const committedZip = async (): Promise<Buffer> => {
  try {
    const { stdout } = await run('git', ['show', 'HEAD:./dist/lifecycle-hook.zip'], {
      cwd: packageDir,
      encoding: 'buffer',
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return readFile(zipPath);
  }
};

describe('the committed Lambda zip', () => {
  it('is byte-for-byte what the build makes from the current sources (rebuild and commit it otherwise)', async () => {
    // Prepare
    const outDir = await mkdtemp(path.join(tmpdir(), 'greenlight-zip-'));

    // Act
    await run(process.execPath, [path.join(packageDir, 'scripts', 'build.mjs'), '--out-dir', outDir], { cwd: packageDir });

    // Assess
    const [rebuilt, committed] = await Promise.all([readFile(path.join(outDir, 'lifecycle-hook.zip')), committedZip()]);
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
});
