import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runStep } from '@greenlight/testkit';
import { parse } from 'yaml';
import { appPipeline, githubEnv, packageDir, startHarness, type Harness } from './support/harness.js';

const run = promisify(execFile);
const generator = path.join(packageDir, 'scripts', 'root-action.mjs');
const repositoryRoot = path.resolve(packageDir, '..', '..');
const rootActionFile = path.join(repositoryRoot, 'action.yml');

interface ActionMetadata {
  readonly inputs: Record<string, { readonly default?: string }>;
  readonly runs: Record<string, string>;
  readonly [key: string]: unknown;
}

const readAction = async (file: string): Promise<ActionMetadata> => parse(await readFile(file, 'utf8')) as ActionMetadata;

describe('the root action.yml (GitHub Marketplace, `uses: <owner>/<repo>@v1`)', () => {
  let packageAction: ActionMetadata;
  let rootAction: ActionMetadata;
  let scratch: string;

  beforeAll(async () => {
    [packageAction, rootAction] = await Promise.all([readAction(path.join(packageDir, 'action.yml')), readAction(rootActionFile)]);
    scratch = await mkdtemp(path.join(tmpdir(), 'pipeline-action-root-'));
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('is what scripts/root-action.mjs generates from this package action.yml', async () => {
    // Act
    const check = run(process.execPath, [generator, '--check']);

    // Assess
    await expect(check).resolves.toBeDefined();
  });

  it('fails the check when the root copy drifts from the package action.yml', async () => {
    // Prepare
    const drifted = path.join(scratch, 'action.yml');
    await writeFile(drifted, (await readFile(rootActionFile, 'utf8')).replace("default: '60'", "default: '30'"));

    // Act
    const check = run(process.execPath, [generator, '--check', drifted]);

    // Assess
    await expect(check).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Run: node scripts/root-action.mjs') });
  });

  it('declares the same metadata, inputs and outputs, and runs the committed bundles of packages/pipeline-action', () => {
    // Act
    const { runs: rootRuns, ...rootRest } = rootAction;
    const { runs: packageRuns, ...packageRest } = packageAction;

    // Assess
    expect(rootRest).toEqual(packageRest);
    expect(rootRuns).toEqual({
      ...packageRuns,
      main: 'packages/pipeline-action/dist/index.js',
      post: 'packages/pipeline-action/dist/post.js',
    });
  });

  describe('run the way the runner runs it: runs.main resolved against the repository root', () => {
    let harness: Harness;

    beforeAll(async () => {
      harness = await startHarness([appPipeline('root-action')]);
    });
    afterAll(async () => harness.stop());

    it('starts the pipeline execution', async () => {
      // Prepare
      const defaults = Object.fromEntries(
        Object.entries(rootAction.inputs).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, input.default]])),
      );

      // Act
      const result = await runStep({
        entry: path.join(repositoryRoot, rootAction.runs['main'] ?? ''),
        inputs: { ...defaults, 'pipeline-name': 'root-action', wait: 'false' },
        env: { ...harness.sim.env, ...githubEnv() },
        killAfterMs: 60_000,
      });

      // Assess
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(harness.callsFor('StartPipelineExecution', 'root-action')).toHaveLength(1);
      expect(result.outputs['execution-id']).toEqual(expect.any(String));
    });
  });
});
