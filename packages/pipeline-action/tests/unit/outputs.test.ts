import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { OUTPUT_NAMES } from '../../src/outputs.js';

describe('OUTPUT_NAMES', () => {
  it('lists exactly the outputs action.yml declares, so every one is written on every path', async () => {
    // Prepare
    const action = parse(await readFile(new URL('../../action.yml', import.meta.url), 'utf8')) as { outputs: Record<string, unknown> };

    // Act
    const declared = Object.keys(action.outputs);

    // Assess
    expect([...OUTPUT_NAMES].sort()).toEqual(declared.sort());
  });
});
