import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { checkTerraform } from '../src/checker.js';
import { checkFixture, lineRules, packageDir } from './fixture-check.js';

const fixDocsCopy = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'tf-docs-'));
  await cp(join(packageDir, 'tests/fixtures/docs'), dir, { recursive: true });
  await checkTerraform([dir], { fixDocs: true });
  return readFile(join(dir, 'README.md'), 'utf8');
};

describe('terraform-docs tables', () => {
  it('fails when the README tables drift from the code', async () => {
    // Prepare / Act
    const report = await checkFixture('docs');

    // Assess
    expect(lineRules(report)).toEqual(['4 docs']);
  });

  it('writes inputs (required first) and outputs in terraform-docs format with --fix-docs', async () => {
    // Prepare / Act
    const readme = await fixDocsCopy();

    // Assess
    expect(readme).toContain(
      [
        '## Inputs',
        '',
        '| Name | Description | Type | Default | Required |',
        '|------|-------------|------|---------|:--------:|',
        '| <a name="input_name"></a> [name](#input\\_name) | Name of the thing. | `string` | n/a | yes |',
        '| <a name="input_tags"></a> [tags](#input\\_tags) | Tags \\| with a pipe. | `map(string)` | `{}` | no |',
        '',
        '## Outputs',
        '',
        '| Name | Description |',
        '|------|-------------|',
        '| <a name="output_name"></a> [name](#output\\_name) | The name. |',
      ].join('\n'),
    );
    expect(readme.startsWith('# docs\n\n<!-- BEGIN_TF_DOCS -->\n## Requirements')).toBe(true);
    expect(readme.endsWith('<!-- END_TF_DOCS -->\n')).toBe(true);
  });

  it('is clean once the tables are regenerated', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'tf-docs-'));
    await cp(join(packageDir, 'tests/fixtures/docs'), dir, { recursive: true });
    await checkTerraform([dir], { fixDocs: true });

    // Act
    const report = await checkTerraform([dir]);

    // Assess
    expect(report.findings).toEqual([]);
  });
});
