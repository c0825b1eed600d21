import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { repositoryRoot } from '../src/repository-files.js';

type Json = Record<string, unknown>;

const readJson = async (file: string): Promise<Json> => JSON.parse(await readFile(join(repositoryRoot, file), 'utf8')) as Json;

// Compiler settings every package shares: only where its output goes may differ (the hook's library builds to lib/).
const PACKAGE_OVERRIDES = new Set(['outDir']);

describe('package configuration', () => {
  let workspaces: string[];

  beforeAll(async () => {
    workspaces = (await readJson('package.json'))['workspaces'] as string[];
  });

  it("keeps each package's tsconfig.json to extending the root base, at most choosing its output directory", async () => {
    // Act
    const deviations: string[] = [];
    for (const workspace of workspaces) {
      const config = await readJson(`${workspace}/tsconfig.json`);
      const overrides = Object.keys((config['compilerOptions'] as Json | undefined) ?? {}).filter((key) => !PACKAGE_OVERRIDES.has(key));
      if (config['extends'] !== '../../tsconfig.base.json') deviations.push(`${workspace}: extends ${String(config['extends'])}`);
      for (const key of Object.keys(config).filter((name) => name !== 'extends' && name !== 'compilerOptions')) {
        deviations.push(`${workspace}: sets ${key}`);
      }
      for (const key of overrides) deviations.push(`${workspace}: sets compilerOptions.${key}`);
    }

    // Assess
    expect(workspaces.length).toBeGreaterThan(0);
    expect(deviations).toEqual([]);
  });

  it("keeps each package's tests/tsconfig.json to extending the root tests config", async () => {
    // Act
    const configs = await Promise.all(workspaces.map(async (workspace) => [workspace, await readJson(`${workspace}/tests/tsconfig.json`)] as const));

    // Assess
    expect(configs.filter(([, config]) => JSON.stringify(config) !== JSON.stringify({ extends: '../../../tsconfig.tests.json' }))).toEqual([]);
  });

  it("builds each package's jest config from the root base", async () => {
    // Act
    const texts = await Promise.all(workspaces.map(async (workspace) => [workspace, await readFile(join(repositoryRoot, workspace, 'jest.config.js'), 'utf8')] as const));

    // Assess
    expect(texts.filter(([, text]) => !text.includes("import { baseConfig } from '../../jest.config.base.js';")).map(([workspace]) => workspace)).toEqual([]);
  });

  it('makes every root configuration file a turbo input of every task', async () => {
    // Prepare
    const rootConfigs = ['tsconfig.base.json', 'tsconfig.tests.json', 'jest.config.base.js', 'eslint.config.js'];

    // Act
    const globalDependencies = (await readJson('turbo.json'))['globalDependencies'] as string[];

    // Assess
    expect(rootConfigs.filter((file) => !globalDependencies.includes(file))).toEqual([]);
  });
});
