#!/usr/bin/env node
import { parseCli, usage } from './cli-options.js';
import { DemoInputError } from './errors.js';
import { resultLines } from './results-table.js';
import { runRehearsal } from './rehearsal.js';

const EXIT = { met: 0, notMet: 1, usage: 2 } as const;

const main = async (): Promise<number> => {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DemoInputError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return EXIT.usage;
  }
  if (command.help) {
    console.log(usage);
    return EXIT.met;
  }
  // A reader that goes away (`| head`) ends the demo quietly; the exit handler stops the apps it started.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.notMet);
    throw error;
  });
  // Ctrl-C reaches the action as the runner's cancellation would (it shares our process group), while the apps
  // and the hook run in their own groups like the AWS side: the rehearsal rolls back and still reports.
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    console.log('\n  Ctrl-C: the workflow run is cancelled as on GitHub; the rehearsal winds down and reports (Ctrl-C again to quit now).');
  });
  const result = await runRehearsal({ ...command.options, print: (line) => console.log(line) });
  console.log(`\n━━ 4 · Results ${'━'.repeat(60)}`);
  for (const line of resultLines(result)) console.log(`  ${line}`);
  return result.expectedOutcomeMet ? EXIT.met : EXIT.notMet;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`The rehearsal could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.notMet;
  },
);
