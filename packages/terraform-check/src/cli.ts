#!/usr/bin/env node
import { checkTerraform } from './checker.js';
import { CliUsageError } from './errors.js';
import { hasErrors, renderReport } from './report.js';

const FLAGS = new Set(['--fix', '--fix-docs']);

function parseArguments(argv: readonly string[]): { fix: boolean; fixDocs: boolean; roots: string[] } {
  const unknown = argv.filter((argument) => argument.startsWith('-') && !FLAGS.has(argument));
  if (unknown.length > 0) throw new CliUsageError(`unknown option ${unknown.join(', ')}: expected --fix or --fix-docs`);
  const roots = argv.filter((argument) => !argument.startsWith('-'));
  if (roots.length === 0) throw new CliUsageError('no directory given: expected one or more directories holding .tf files');
  return { fix: argv.includes('--fix'), fixDocs: argv.includes('--fix-docs'), roots };
}

async function main(): Promise<void> {
  try {
    const { fix, fixDocs, roots } = parseArguments(process.argv.slice(2));
    const report = await checkTerraform(roots, { fix, fixDocs });
    process.stdout.write(renderReport(report));
    process.exitCode = hasErrors(report) ? 1 : 0;
  } catch (error) {
    process.stderr.write(`terraform-check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

await main();
