import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseHookConfig } from '../../src/config.js';
import { codeBlocks, readReadme } from '../support/readme.js';
import { typeCheck } from '../support/type-check.js';

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
  readme = await readReadme();
});

// The custom hook example is type-checked, bundled and invoked from the packed package in tests/package.
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

    it('lists exactly what the package exports', () => {
      // Prepare
      const [source] = codeBlocks(readme, 'ts');

      // Act
      const exported = typeCheck(source ?? '').exportsOf('@greenlight/lifecycle-hooks');

      // Assess
      expect(exported).toContain('createLifecycleHook');
      expect([...exported].sort()).toEqual(documentedExports().sort());
    });
  });
});
