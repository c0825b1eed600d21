// Generates the repository's root action.yml from this package's action.yml: GitHub Marketplace lists only an
// action.yml at the repository root, and `uses: <owner>/<repo>@v1` runs that one. Same metadata, inputs and
// outputs; runs.main and runs.post point into this package's dist/. The package's action.yml stays the source,
// so `uses: <owner>/<repo>/packages/pipeline-action@v1` keeps working.
//   node scripts/root-action.mjs                     rewrite ../../action.yml
//   node scripts/root-action.mjs --check [FILE]      exit 1 when FILE (default ../../action.yml) differs
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { writeOrCheck } from './generated-file.mjs';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repositoryRoot = path.resolve(packageDir, '..', '..');
const fromRoot = path.relative(repositoryRoot, packageDir).split(path.sep).join('/');
// The runs keys of a JavaScript action that name a file, relative to the action.yml.
const entryKeys = ['main', 'pre', 'post'];

const renderRootAction = (actionYml) => {
  const document = parseDocument(actionYml);
  for (const key of entryKeys) {
    const entry = document.getIn(['runs', key]);
    if (typeof entry === 'string') document.setIn(['runs', key], `${fromRoot}/${entry}`);
  }
  document.commentBefore = [
    ` Generated from ${fromRoot}/action.yml by its scripts/root-action.mjs (a test fails on drift):`,
    ` edit that file, then run \`node scripts/root-action.mjs\` in ${fromRoot}.`,
    ' GitHub Marketplace lists this copy, and `uses: <owner>/<repo>@v1` runs it.',
  ].join('\n');
  return document.toString({ lineWidth: 0 });
};

const [mode, targetArgument] = process.argv.slice(2);
await writeOrCheck({
  target: path.resolve(targetArgument ?? path.join(repositoryRoot, 'action.yml')),
  expected: renderRootAction(await readFile(path.join(packageDir, 'action.yml'), 'utf8')),
  check: mode === '--check',
  hint: `differs from what ${fromRoot}/action.yml generates. Run: node scripts/root-action.mjs (in ${fromRoot})`,
});
