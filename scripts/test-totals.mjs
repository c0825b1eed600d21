// Prints the monorepo's test totals after `turbo run test`: one line per package, then `N passed, N failed`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const { workspaces } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const sum = { passed: 0, failed: 0, skipped: 0 };
for (const workspace of workspaces) {
  const file = path.join(root, workspace, '.jest-totals.json');
  const totals = JSON.parse(await readFile(file, 'utf8').catch(() => 'null'));
  if (totals === null) {
    console.error(`${workspace}: no test totals (${file} is missing): did its tests run?`);
    process.exitCode = 1;
    continue;
  }
  console.log(`${workspace}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped in ${totals.suites} suites`);
  for (const key of Object.keys(sum)) sum[key] += totals[key];
}
if (sum.passed === 0) process.exitCode = 1;
console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
