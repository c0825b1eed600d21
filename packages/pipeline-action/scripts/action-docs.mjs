// Generates the inputs/outputs tables of README.md from action.yml, between the ACTION_DOCS markers.
//   node scripts/action-docs.mjs            rewrite README.md
//   node scripts/action-docs.mjs --check [README]   exit 1 when the README's tables differ from action.yml
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { writeOrCheck } from './generated-file.mjs';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const Begin = '<!-- BEGIN_ACTION_DOCS -->';
const End = '<!-- END_ACTION_DOCS -->';

const cell = (text) => String(text ?? '').replaceAll('|', '\\|').replaceAll(/\s*\n\s*/g, ' ').trim();

const renderActionDocs = (actionYml) => {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default === undefined ? '' : `\`${input.default}\``} | ${cell(input.description)} |`,
  );
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return [
    Begin,
    '### Inputs',
    '',
    '| Input | Required | Default | Description |',
    '|---|---|---|---|',
    ...inputs,
    '',
    '### Outputs',
    '',
    '| Output | Description |',
    '|---|---|',
    ...outputs,
    End,
  ].join('\n');
};

const withDocs = (readme, docs) => {
  const start = readme.indexOf(Begin);
  const end = readme.indexOf(End);
  if (start < 0 || end < start) throw new Error(`README.md needs the ${Begin} and ${End} markers.`);
  return readme.slice(0, start) + docs + readme.slice(end + End.length);
};

const [mode, readmeArgument] = process.argv.slice(2);
const readmePath = path.resolve(readmeArgument ?? path.join(packageDir, 'README.md'));
const docs = renderActionDocs(await readFile(path.join(packageDir, 'action.yml'), 'utf8'));
const readme = await readFile(readmePath, 'utf8');
await writeOrCheck({
  target: readmePath,
  expected: withDocs(readme, docs),
  check: mode === '--check',
  hint: 'the inputs/outputs tables differ from action.yml. Run: node scripts/action-docs.mjs',
});
