// Bundles the action into dist/: index.js (main), post.js (post step) and lazily loaded chunks.
// The output must be byte-for-byte reproducible, because dist/ is committed and a test rebuilds it to compare.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.resolve(process.argv[2] ?? path.join(packageDir, 'dist'));

// @actions/core imports its OIDC client (@actions/http-client → undici, ~400 KB) and @actions/exec at the top
// level, for features this action never uses. These packages do nothing on import, so declaring them free of
// side effects lets esbuild drop them unless code really calls into them (the GitHub deployments chunk does).
const sideEffectFree = /^(@actions\/http-client|@actions\/exec|@actions\/io|undici|tunnel)(\/|$)/;
const sideEffectFreePlugin = {
  name: 'side-effect-free-packages',
  setup(build) {
    build.onResolve({ filter: sideEffectFree }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      return { ...resolved, sideEffects: false };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: packageDir,
  entryPoints: { index: 'src/index.ts', post: 'src/post.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  treeShaking: true,
  legalComments: 'none',
  charset: 'utf8',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies call require() for Node built-ins; ESM output needs one.
  banner: { js: "import{createRequire as __greenlightRequire}from'node:module';const require=__greenlightRequire(import.meta.url);" },
  plugins: [sideEffectFreePlugin],
  logLevel: 'warning',
});
