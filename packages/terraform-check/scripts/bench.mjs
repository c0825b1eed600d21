#!/usr/bin/env node
// Prints how long the whole check takes over the repository's terraform/ tree: the first run in a fresh
// process (WebAssembly start-up of both parsers included) and the median of the following runs.
import { fileURLToPath } from 'node:url';
import { checkTerraform } from '../dist/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = fileURLToPath(new URL('../../../terraform', import.meta.url));

const durations = [];
let last;
for (let run = 0; run < RUNS; run += 1) {
  last = await checkTerraform([root]);
  durations.push(last.durationMs);
}
const [cold, ...warm] = durations;
const sorted = [...warm].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? cold;
process.stdout.write(
  [
    `tree: ${last.modules} modules, ${last.files} files, ${last.resources} resources, ${last.findings.length} findings, ${last.waivers.length} waivers`,
    `first run (cold, parsers starting): ${cold.toFixed(0)} ms`,
    `median of ${warm.length} warm runs: ${median.toFixed(0)} ms (${(median / last.files).toFixed(1)} ms per file)`,
    '',
  ].join('\n'),
);
