import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { RehearsalSetupError } from './errors.js';

interface ActionManifest {
  readonly inputs?: Readonly<Record<string, { readonly default?: unknown }>>;
}

/**
 * The inputs the runner would pass: the step's `with:` values over action.yml's defaults. A bare
 * `node dist/index.js` sees no defaults, so leaving this out would not rehearse what GitHub runs.
 */
const runnerInputs = async (
  actionYmlPath: string,
  given: Readonly<Record<string, string>>,
): Promise<Record<string, string>> => {
  let manifest: ActionManifest;
  try {
    manifest = parse(await readFile(actionYmlPath, 'utf8')) as ActionManifest;
  } catch (error) {
    throw new RehearsalSetupError(`cannot read ${actionYmlPath}: ${(error as Error).message}; is the checkout complete?`, {
      cause: error,
    });
  }
  // YAML may type a default (true, 60); the runner passes every input as its string form.
  const defaults = Object.entries(manifest.inputs ?? {}).flatMap(([name, input]) => {
    const value = input.default;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? [[name, String(value)] as const]
      : [];
  });
  return { ...Object.fromEntries(defaults), ...given };
};

export { runnerInputs };
