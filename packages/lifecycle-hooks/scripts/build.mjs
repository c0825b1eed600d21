// Bundles src/lambda.ts into index.mjs (+ source map) and packs them into a reproducible Lambda zip.
// Usage: node scripts/build.mjs [--out-dir <dir>]   (default: dist/)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { zipSync } from 'fflate';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: path.join(packageDir, 'dist') } } });
const outDir = path.resolve(values['out-dir']);

// A fixed, timezone-independent (local-time) stamp: the same sources always give the same zip bytes.
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);
// Unix host, regular file, rw-r--r--: Lambda needs the files readable by its runtime user.
const FILE_ATTRIBUTES = { os: 3, attrs: (0o100644 << 16) >>> 0, mtime: FIXED_MTIME, level: 9, mem: 12 };

// Lazily imported SDK modules that CodeDeploy and ELBv2 calls on Lambda never load: the browser user-agent parser,
// event-stream serde, and the credential sources Lambda does not have (profiles, SSO, credential processes, web
// identity tokens: Lambda hands credentials over in environment variables, or the container endpoint, both kept).
// Leaving them out keeps the zip small; a left-out credential source tells the SDK chain to try the next source.
const LEFT_OUT = {
  bowser: 'throw new Error("bowser is not bundled in the greenlight lifecycle hook");',
  '@smithy/core/event-streams': 'throw new Error("event streams are not bundled in the greenlight lifecycle hook");',
};
const LEFT_OUT_CREDENTIAL_SOURCES = {
  '@aws-sdk/credential-provider-sso': ['fromSSO'],
  '@aws-sdk/credential-provider-ini': ['fromIni'],
  '@aws-sdk/credential-provider-process': ['fromProcess'],
  '@aws-sdk/credential-provider-web-identity': ['fromTokenFile', 'fromWebToken'],
};
const credentialSourceStub = (name, exports) =>
  exports
    .map(
      (exported) =>
        `export const ${exported} = () => async () => { throw Object.assign(new Error(${JSON.stringify(
          `${name} is not bundled in the greenlight lifecycle hook: on Lambda, credentials come from the environment`,
        )}), { name: 'CredentialsProviderError', tryNextLink: true }); };`,
    )
    .join('\n');
const leftOutModules = {
  ...LEFT_OUT,
  ...Object.fromEntries(Object.entries(LEFT_OUT_CREDENTIAL_SOURCES).map(([name, exports]) => [name, credentialSourceStub(name, exports)])),
};
const leaveOutNeverLoaded = {
  name: 'leave-out-never-loaded',
  setup(pluginBuild) {
    const names = Object.keys(leftOutModules).map((name) => name.replace(/[/.-]/g, '\\$&'));
    pluginBuild.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'left-out' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: leftOutModules[args.path], loader: 'js' }));
  },
};

const result = await build({
  entryPoints: { index: path.join(packageDir, 'src', 'lambda.ts') },
  // The nominal output path stays inside the package whatever --out-dir says, so the source maps' relative
  // `sources` (and so the zip) do not depend on where the zip is written.
  outdir: path.join(packageDir, 'dist', 'bundle'),
  outExtension: { '.js': '.mjs' },
  // The AWS SDK is imported lazily (src/aws-sdk.ts): it goes to a chunk loaded only when the hook calls AWS.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  write: false,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  mainFields: ['module', 'main'],
  // Some bundled CommonJS code calls require() for Node built-ins, which an ES module does not define.
  banner: { js: "import{createRequire as __greenlightCreateRequire}from'node:module';const require=__greenlightCreateRequire(import.meta.url);" },
  plugins: [leaveOutNeverLoaded],
  logLevel: 'warning',
});

const bundleDir = path.join(packageDir, 'dist', 'bundle');
const files = Object.fromEntries(
  result.outputFiles
    .map((file) => [path.relative(bundleDir, file.path), [file.contents, FILE_ATTRIBUTES]])
    .sort(([left], [right]) => left.localeCompare(right)),
);
const zip = zipSync(files);
await mkdir(outDir, { recursive: true });
const zipPath = path.join(outDir, 'lifecycle-hook.zip');
await writeFile(zipPath, zip);
const entrySize = result.outputFiles.find((file) => path.basename(file.path) === 'index.mjs')?.contents.length ?? 0;
console.log(
  `${path.relative(process.cwd(), zipPath)}: ${zip.length} bytes, ${Object.keys(files).length} files ` +
    `(index.mjs ${entrySize} bytes; the AWS SDK in lazily loaded chunks)`,
);
