// Bundles the library (src/index.ts) into lib/ as ES modules for Node; `tsc --emitDeclarationOnly` adds the types.
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
const workspaceSource = (name) => name.startsWith('@greenlight/');

await rm(libDir, { recursive: true, force: true });
await build({
  entryPoints: { index: path.join(packageDir, 'src', 'index.ts') },
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
  external: Object.keys(manifest.dependencies).filter((name) => !workspaceSource(name)),
  logLevel: 'warning',
});
