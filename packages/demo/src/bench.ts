// `npm run bench`: every scenario at the CLI's default speed, printing its figures (requests sent/failed during
// the cutover, wall time, hook report → first production response from green).
import { runRehearsal } from './rehearsal.js';
import { SCENARIOS } from './scenarios.js';

const rows: string[][] = [];
for (const scenario of SCENARIOS) {
  const result = await runRehearsal({ scenario: scenario.name });
  rows.push([
    scenario.name,
    result.expectedOutcomeMet ? 'yes' : `NO: ${result.problems.join('; ')}`,
    `${result.cutover.sent} / ${result.cutover.failed}`,
    `${result.load.sent} / ${result.load.failed}`,
    `${(result.wallTimeMs / 1000).toFixed(1)} s`,
    result.hookToGreenMs === undefined ? 'n/a' : `${result.hookToGreenMs} ms`,
    `${result.awsCalls.total} (${result.awsCalls.faulted} faulted)`,
  ]);
  process.stdout.write(`${scenario.name} done\n`);
}
const HEADER = ['scenario', 'expected outcome', 'cutover sent/failed', 'all sent/failed', 'wall time', 'hook → green', 'AWS calls'];
const widths = HEADER.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
const line = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ');
process.stdout.write(`\n${line(HEADER)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
process.stdout.write(`\nNode ${process.version}, speed 60× (one simulated minute per second), 50 production requests/s.\n`);
