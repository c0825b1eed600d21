import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from '@jest/globals';

import { isRecord, recordOrEmpty } from '../src/plain-values.js';
import type { PlainRecord } from '../src/plain-values.js';
import { repositoryRoot } from '../src/repository-files.js';
import { readYamlFile } from '../src/yaml-source.js';

const ACTION_DIRECTORY = 'packages/pipeline-action';
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];

/** A full sentence: starts with a capital letter or a code word, ends with a period. */
const isSentence = (text: unknown): boolean => typeof text === 'string' && /^[A-Z`]/.test(text) && /\.$/.test(text.trim());

const entries = (value: unknown): [string, PlainRecord][] =>
  Object.entries(recordOrEmpty(value)).map(([name, declaration]) => [name, recordOrEmpty(declaration)]);

describe("the pipeline action's metadata", () => {
  let metadata: PlainRecord;

  beforeAll(async () => {
    const source = await readYamlFile(join(repositoryRoot, ACTION_DIRECTORY, 'action.yml'), `${ACTION_DIRECTORY}/action.yml`);
    metadata = recordOrEmpty(source.value);
  });

  it('carries what the GitHub Marketplace lists: name, description, author and branding', () => {
    // Act
    const branding = recordOrEmpty(metadata['branding']);

    // Assess
    expect(metadata).toEqual(
      expect.objectContaining({ name: expect.any(String), description: expect.any(String), author: expect.any(String) }),
    );
    expect(branding['icon']).toEqual(expect.stringMatching(/^[a-z0-9-]+$/));
    expect(BRANDING_COLORS).toContain(branding['color']);
  });

  it('describes every input in a full sentence that states whether it is required or its default', () => {
    // Act
    const problems = entries(metadata['inputs']).flatMap(([name, input]) => {
      const description = typeof input['description'] === 'string' ? input['description'] : '';
      const found: string[] = [];
      if (!isSentence(description)) found.push(`${name}: the description is not a full sentence`);
      if (typeof input['required'] !== 'boolean') found.push(`${name}: 'required' is not set explicitly`);
      // action.yml defaults are strings (or YAML scalars the runner turns into strings).
      const defaultValue = input['default'] as string | number | boolean | undefined;
      if (defaultValue !== undefined && !description.includes(`Defaults to ${defaultValue}`)) {
        found.push(`${name}: the description does not say 'Defaults to ${defaultValue}'`);
      }
      if (input['required'] !== true && defaultValue === undefined && !/Defaults to/.test(description)) {
        found.push(`${name}: an optional input without a fixed default must say what happens by default`);
      }
      return found;
    });

    // Assess
    expect(entries(metadata['inputs']).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('describes every output in a full sentence', () => {
    // Act
    const undescribed = entries(metadata['outputs'])
      .filter(([, output]) => !isSentence(output['description']))
      .map(([name]) => name);

    // Assess
    expect(entries(metadata['outputs']).length).toBeGreaterThan(0);
    expect(undescribed).toEqual([]);
  });

  it('runs on node24 from committed bundles, stopping the execution in a post step only on cancel', () => {
    // Act
    const runs = metadata['runs'];

    // Assess
    expect(isRecord(runs) ? { ...runs } : runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'cancelled()',
    });
    expect(existsSync(join(repositoryRoot, ACTION_DIRECTORY, 'dist/index.js'))).toBe(true);
    expect(existsSync(join(repositoryRoot, ACTION_DIRECTORY, 'dist/post.js'))).toBe(true);
  });
});
