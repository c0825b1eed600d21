import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { build } from 'esbuild';
import { parseHookConfig } from '../../src/config.js';
import { type GreenApp, startGreenApp } from '../helpers/green-app.js';
import { newHookDeployment, reportedStatuses } from '../helpers/hook-deployments.js';
import { invokeHook, packageDir } from '../helpers/lambda-zip.js';
import { typeCheck } from '../helpers/type-check.js';

const codeBlocks = (markdown: string, language: string): string[] =>
  [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '');

const parsesAsObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

let readme: string;

beforeAll(async () => {
  readme = await readFile(path.join(packageDir, 'README.md'), 'utf8');
});

describe('the README', () => {
  it('shows only GREENLIGHT_CONFIG examples that the hook accepts', () => {
    // Prepare
    const configs = codeBlocks(readme, 'json')
      .map(parsesAsObject)
      .filter((value): value is Record<string, unknown> => value !== undefined && 'checks' in value);

    // Act
    const parse = () => configs.map((config) => parseHookConfig(config, 'README example'));

    // Assess
    expect(configs.length).toBeGreaterThanOrEqual(2);
    expect(parse).not.toThrow();
  });

  describe('library section', () => {
    // The bullet list after "The package exports this API": every name in backticks is one export.
    const documentedExports = (): string[] => {
      const start = readme.indexOf('The package exports this API');
      const list = readme.slice(start, readme.indexOf('\n\n', readme.indexOf('\n- ', start)));
      return [...list.matchAll(/`([A-Za-z]+)`/g)].map((match) => match[1] ?? '');
    };

    it('type-checks the custom hook example against the package as a user imports it', () => {
      // Prepare
      const [source] = codeBlocks(readme, 'ts');

      // Act
      const check = typeCheck(source ?? '');

      // Assess
      expect(check.errors).toEqual([]);
      expect(check.exportsOf('@greenlight/lifecycle-hooks')).toContain('createLifecycleHook');
    });

    it('lists exactly what the package exports', () => {
      // Prepare
      const [source] = codeBlocks(readme, 'ts');

      // Act
      const exported = typeCheck(source ?? '').exportsOf('@greenlight/lifecycle-hooks');

      // Assess
      expect([...exported].sort()).toEqual(documentedExports().sort());
    });
  });

  describe('custom hook example', () => {
    let sim: Simulator;
    let green: GreenApp;

    beforeAll(async () => {
      [sim, green] = await Promise.all([startSimulator({ seed: 13 }), startGreenApp()]);
    });

    afterAll(async () => {
      await Promise.all([sim.stop(), green.stop()]);
    });

    it('bundles with the documented esbuild options and reports its custom check', async () => {
      // Prepare
      const [source] = codeBlocks(readme, 'ts');
      const functionDir = await mkdtemp(path.join(tmpdir(), 'greenlight-custom-hook-'));
      await build({
        stdin: { contents: source ?? '', loader: 'ts', resolveDir: packageDir, sourcefile: 'hook.ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        minify: true,
        sourcemap: true,
        outfile: path.join(functionDir, 'index.mjs'),
        banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
        logLevel: 'silent',
      });
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
