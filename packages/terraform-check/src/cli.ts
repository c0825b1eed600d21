#!/usr/bin/env node
import { checkTerraform } from './checker.js';
import { CliUsageError } from './errors.js';
import { hasErrors, renderReport } from './report.js';

const FLAGS = new Set(['--fix', '--fix-docs']);
const VAR_FLAG = '--var';

interface CliArguments {
  readonly fix: boolean;
  readonly fixDocs: boolean;
  readonly inputs: Map<string, string>;
  readonly roots: string[];
}

const parseArguments = (argv: readonly string[]): CliArguments => {
  const inputs = new Map<string, string>();
  const rest: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (argument !== VAR_FLAG) {
      rest.push(argument);
      continue;
    }
    const assignment = /^([A-Za-z_][\w-]*)=(.*)$/s.exec(argv[index + 1] ?? '');
    if (!assignment) throw new CliUsageError(`${VAR_FLAG} expects name=value (for example ${VAR_FLAG} deployment_controller=ECS), got "${argv[index + 1] ?? ''}"`);
    inputs.set(assignment[1] ?? '', assignment[2] ?? '');
    index += 1;
  }
  const unknown = rest.filter((argument) => argument.startsWith('-') && !FLAGS.has(argument));
  if (unknown.length > 0) throw new CliUsageError(`unknown option ${unknown.join(', ')}: expected --fix, --fix-docs or ${VAR_FLAG} name=value`);
  const roots = rest.filter((argument) => !argument.startsWith('-'));
  if (roots.length === 0) throw new CliUsageError('no directory given: expected one or more directories holding .tf files');
  return { fix: rest.includes('--fix'), fixDocs: rest.includes('--fix-docs'), inputs, roots };
};

const main = async (): Promise<void> => {
  try {
    const { fix, fixDocs, inputs, roots } = parseArguments(process.argv.slice(2));
    const report = await checkTerraform(roots, { fix, fixDocs, inputs });
    process.stdout.write(renderReport(report));
    process.exitCode = hasErrors(report) ? 1 : 0;
  } catch (error) {
    process.stderr.write(`terraform-check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
};

await main();
