import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { packageDir } from './support/harness.js';

const run = promisify(execFile);
const committedDist = path.join(packageDir, 'dist');

const listFiles = async (directory: string): Promise<string[]> => {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
};

describe('the committed dist/', () => {
  let rebuilt: string;

  beforeAll(async () => {
    rebuilt = await mkdtemp(path.join(tmpdir(), 'pipeline-action-dist-'));
    await run(process.execPath, [path.join(packageDir, 'scripts', 'build.mjs'), rebuilt], { cwd: packageDir });
  });
  afterAll(async () => rm(rebuilt, { recursive: true, force: true }));

  it('is exactly what the sources build to (not stale)', async () => {
    // Act
    const [committedFiles, rebuiltFiles] = await Promise.all([listFiles(committedDist), listFiles(rebuilt)]);

    // Assess
    expect(committedFiles).toEqual(rebuiltFiles);
    for (const file of rebuiltFiles) {
      const [committed, fresh] = await Promise.all([readFile(path.join(committedDist, file)), readFile(path.join(rebuilt, file))]);
      expect({ file, fresh: committed.equals(fresh) }).toEqual({ file, fresh: true });
    }
  });

  it('keeps the AWS SDK and GitHub client out of what loads at startup', async () => {
    // Act
    const { stdout } = await run(process.execPath, [path.join(packageDir, 'scripts', 'startup-graph.mjs'), path.join(rebuilt, 'index.js')]);
    const graph = JSON.parse(stdout) as string[];
    const sources = await Promise.all(graph.map((file) => readFile(file, 'utf8')));
    const sizes = await Promise.all(graph.map(async (file) => (await stat(file)).size));

    // Assess
    expect(graph.length).toBeGreaterThan(1);
    expect(sources.join('\n')).not.toContain('CodePipeline_20150709');
    expect(sources.join('\n')).not.toContain('octokit');
    expect(sizes.reduce((total, size) => total + size, 0)).toBeLessThan(500 * 1024);
  });

  it('loads the SDK-backed code as separate chunks', async () => {
    // Act
    const files = await listFiles(rebuilt);

    // Assess
    for (const chunk of ['execute', 'deployment-details', 'build-logs', 'summary', 'github-deployment']) {
      expect(files.some((file) => new RegExp(`^chunks/${chunk}-[A-Z0-9]+\\.js$`).test(file))).toBe(true);
    }
  });
});
