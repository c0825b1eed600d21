// Bundles the library (src/index.ts) and its log-records entry (the format the action and the demo read back) into lib/ as ES modules for Node; `tsc --emitDeclarationOnly` adds the types.
// A bundle rather than tsc's file-for-file output because the shared AWS retry code (@greenlight/aws-retry) is a
// private workspace package shipped as TypeScript source: it is compiled in here (with the few SDK classification
// functions it uses), so lib/ imports nothing but the dependencies this package declares.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const libDir = path.join(packageDir, 'lib');
const manifest = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8'));

await rm(libDir, { recursive: true, force: true });
await build({
  entryPoints: { index: path.join(packageDir, 'src', 'index.ts'), 'log-records': path.join(packageDir, 'src', 'log-records.ts') },
  outdir: libDir,
  // The AWS SDK is imported lazily (src/aws-sdk.ts): it stays in a chunk a hook loads only when it calls AWS.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: true,
  legalComments: 'none',
  // What users' npm installs stays external; the rest (devDependencies such as @greenlight/aws-retry) is compiled in.
  external: Object.keys(manifest.dependencies),
  logLevel: 'warning',
});
