import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { type GreenApp, startGreenApp } from '../support/green-app.js';
import { newHookDeployment, reportedStatuses } from '../support/hook-deployments.js';
import { invokeHook, unpackHookZip } from '../support/lambda-zip.js';
import { codeBlocks, readReadme } from '../support/readme.js';
import { createUserProject, type UserProject } from '../support/user-project.js';

interface SourceMap {
  readonly sources: readonly string[];
  readonly sourcesContent?: readonly (string | null)[];
}

const sourceMapUrl = (javascript: string): string | undefined => /\/\/# sourceMappingURL=(\S+)\s*$/.exec(javascript)?.[1];

// Packing and installing (from npm's cache) takes a few seconds on a loaded machine.
const SETUP_TIMEOUT_MS = 120_000;

describe('the npm package, packed and installed into a new TypeScript project', () => {
  let readme: string;
  let project: UserProject;

  beforeAll(async () => {
    readme = await readReadme();
    const [customHook] = codeBlocks(readme, 'ts');
    project = await createUserProject({ 'src/hook.ts': customHook ?? '' });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => project.remove());

  it('holds the library with its types and source maps, the hook zip and the README, and nothing else', () => {
    // Act
    const unexpected = project.packedFiles.filter(
      (file) => !/^lib\/.+\.(js|js\.map|d\.ts)$/.test(file) && !['README.md', 'package.json', 'dist/lifecycle-hook.zip'].includes(file),
    );

    // Assess
    expect(project.packedFiles).toEqual(
      expect.arrayContaining(['README.md', 'package.json', 'dist/lifecycle-hook.zip', 'lib/index.js', 'lib/index.d.ts']),
    );
    expect(unexpected).toEqual([]);
  });

  it('maps every JavaScript file of the library to its TypeScript source, carried in the map', async () => {
    // Prepare
    const scripts = project.packedFiles.filter((file) => file.endsWith('.js'));

    // Act
    const unmapped: string[] = [];
    for (const script of scripts) {
      const url = sourceMapUrl(await readFile(path.join(project.installedDir, script), 'utf8'));
      const mapFile = url === undefined ? undefined : path.join(path.dirname(script), url);
      if (mapFile === undefined || !project.packedFiles.includes(mapFile)) {
        unmapped.push(`${script}: no source map in the package`);
        continue;
      }
      const map = JSON.parse(await readFile(path.join(project.installedDir, mapFile), 'utf8')) as SourceMap;
      const carried = map.sourcesContent?.filter((content) => typeof content === 'string').length ?? 0;
      // A chunk of bundler glue alone (esbuild's helpers) has no sources: nothing to carry.
      if (carried !== map.sources.length) unmapped.push(`${mapFile}: sources not carried`);
    }

    // Assess
    expect(scripts.length).toBeGreaterThan(0);
    expect(unmapped).toEqual([]);
  });

  it("type-checks the README's custom hook example as written, against the installed package's declarations", () => {
    // Act
    const errors = project.typeCheck();

    // Assess
    expect(errors).toEqual([]);
  });

  describe("the example bundled with the README's esbuild command", () => {
    let sim: Simulator;
    let green: GreenApp;

    beforeAll(async () => {
      [sim, green] = await Promise.all([startSimulator({ seed: 13 }), startGreenApp()]);
    });

    afterAll(async () => {
      await Promise.all([sim.stop(), green.stop()]);
    });

    it('is a Lambda handler that runs its custom check and reports the verdict to CodeDeploy', async () => {
      // Prepare
      const bundleCommands = codeBlocks(readme, 'sh').find((block) => block.includes('npx esbuild'));
      await project.runScript(bundleCommands ?? 'false');
      const functionDir = await unpackHookZip(path.join(project.dir, 'dist', 'hook.zip'));
      green.behave((request) => ({ body: request.url === '/internal/schema-version' ? '{"version": 41}' : 'ok' }));
      const { deploymentId, event } = newHookDeployment(sim);

      // Act
      const invocation = await invokeHook({
        functionDir,
        event,
        config: JSON.stringify({ targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ path: '/health' }] }),
        env: sim.env,
        timeoutMs: 8_000,
      });

      // Assess
      expect(reportedStatuses(sim, deploymentId)).toEqual(['Failed']);
      expect(invocation.logs.find((line) => line.message === 'decision')?.['reason']).toBe(
        'check "migrations applied" failed: schema version 41, expected ≥ 42',
      );
    });
  });
});
