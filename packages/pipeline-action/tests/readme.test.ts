import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { packageDir } from './support/harness.js';

const run = promisify(execFile);
const docsScript = path.join(packageDir, 'scripts', 'action-docs.mjs');

interface ActionMetadata {
  readonly inputs: Record<string, { readonly description: string; readonly required: boolean; readonly default?: string }>;
  readonly outputs: Record<string, { readonly description: string }>;
}

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

const yamlBlocks = (markdown: string): string[] => [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, body = '']) => body);

// Steps anywhere in a snippet: a job's `steps`, a bare `steps:` list, or a bare list of steps.
const stepsOf = (document: unknown): Step[] => {
  if (Array.isArray(document)) return document.flatMap(stepsOf);
  if (typeof document !== 'object' || document === null) return [];
  const record = document as Record<string, unknown>;
  const own = typeof record['uses'] === 'string' ? [record as Step] : [];
  return [...own, ...Object.values(record).flatMap(stepsOf)];
};

describe('README.md', () => {
  let readme: string;
  let action: ActionMetadata;
  let scratch: string;

  beforeAll(async () => {
    readme = await readFile(path.join(packageDir, 'README.md'), 'utf8');
    action = parse(await readFile(path.join(packageDir, 'action.yml'), 'utf8')) as ActionMetadata;
    scratch = await mkdtemp(path.join(tmpdir(), 'pipeline-action-readme-'));
  });
  afterAll(async () => rm(scratch, { recursive: true, force: true }));

  it('has the inputs/outputs tables generated from action.yml', async () => {
    // Act
    const check = run(process.execPath, [docsScript, '--check']);

    // Assess
    await expect(check).resolves.toBeDefined();
  });

  it('fails the check when a table drifts from action.yml', async () => {
    // Prepare
    const drifted = path.join(scratch, 'README.md');
    await copyFile(path.join(packageDir, 'README.md'), drifted);
    await writeFile(drifted, readme.replace('| `wait` | no | `true` |', '| `wait` | no | `false` |'));

    // Act
    const check = run(process.execPath, [docsScript, '--check', drifted]);

    // Assess
    await expect(check).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('differ from action.yml') });
  });

  it('has YAML snippets that parse and use only inputs that exist', () => {
    // Act
    const blocks = yamlBlocks(readme);
    const ourSteps = blocks.flatMap((block) => stepsOf(parse(block))).filter((step) => step.uses?.includes('/pipeline-action@'));

    // Assess
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    expect(ourSteps.length).toBeGreaterThanOrEqual(6);
    for (const step of ourSteps) {
      expect(Object.keys(step.with ?? {}).filter((input) => !(input in action.inputs))).toEqual([]);
      expect(step.with?.['pipeline-name']).toBeDefined();
    }
  });

  it('covers the documented usages', () => {
    // Act
    const used = new Set(
      yamlBlocks(readme)
        .flatMap((block) => stepsOf(parse(block)))
        .flatMap((step) => Object.keys(step.with ?? {})),
    );

    // Assess
    for (const input of ['wait', 'execution-id', 'variables', 'on-cancel', 'role-duration-seconds', 'role-to-assume', 'environment']) {
      expect(used).toContain(input);
    }
  });
});

describe('action.yml', () => {
  let action: ActionMetadata & Record<string, unknown>;

  beforeAll(async () => {
    action = parse(await readFile(path.join(packageDir, 'action.yml'), 'utf8')) as ActionMetadata & Record<string, unknown>;
  });

  it('runs the committed bundles on node24 with a post step only on cancellation', () => {
    // Assess
    expect(action['runs']).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js', 'post-if': 'cancelled()' });
  });

  it('carries the Marketplace metadata', () => {
    // Assess
    expect(action).toMatchObject({ name: expect.any(String), description: expect.any(String), author: expect.any(String) });
    expect(action['branding']).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it('describes every input in a full sentence that states its default', () => {
    // Assess
    for (const [name, input] of Object.entries(action.inputs)) {
      expect({ name, sentence: /^[A-Z].*\.$/.test(input.description) }).toEqual({ name, sentence: true });
      expect({ name, statesDefault: input.required || /Defaults to /.test(input.description) }).toEqual({ name, statesDefault: true });
      if (input.default !== undefined) expect(input.description).toContain(`Defaults to ${input.default}`);
    }
  });
});
