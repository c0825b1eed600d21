// `npm run bench`: prints the figures of the lifecycle hook. Nothing here asserts: it measures and reports.
//  1. size of dist/lifecycle-hook.zip
//  2. cold import of index.mjs under Node 24, net of Node's own start (median over fresh processes), and the same
//     with the lazily loaded AWS SDK chunk (what a CodeDeploy invocation pays once)
//  3. peak resident memory of the handler and its time to report against a hostile green (scripts/hostile-green.mjs),
//     next to a well-behaved 1 MiB answer in the same run (scripts/bench-hostile-green.mjs)
//  4. a 1,000-request, concurrency-20 probe (runHttpCheck) against a local server, next to autocannon against the
//     same server in the same run
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { unzipSync } from 'fflate';
import { node24Path } from '@greenlight/testkit';
import { parseHookConfig, runHttpCheck } from '../lib/index.js';
import { measureHostileGreen } from './bench-hostile-green.mjs';
import { startServerScript } from './start-server-script.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const zipPath = path.join(packageDir, 'dist', 'lifecycle-hook.zip');
const IMPORT_RUNS = 21;
const PROBE_ROUNDS = 21;
const REQUESTS = 1_000;
const CONCURRENCY = 20;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const unpack = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'greenlight-bench-'));
  for (const [name, content] of Object.entries(unzipSync(new Uint8Array(await readFile(zipPath))))) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
};

// Each run is a fresh Node 24 process timing its own dynamic import(): net of Node's start by construction, and
// far less noisy on a shared machine than subtracting the wall times of two processes.
const timeImports = (script) => {
  const run = spawnSync(node24Path(), [script], { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${script} exited with ${run.status}: ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
};

const measureColdImport = async (dir) => {
  const sdkChunk = (await readdir(path.join(dir, 'chunks'))).find((name) => name.startsWith('aws-sdk-'));
  const script = path.join(dir, 'bench-import.mjs');
  const url = (file) => JSON.stringify(pathToFileURL(path.join(dir, file)).href);
  await writeFile(
    script,
    [
      'const started = performance.now();',
      `await import(${url('index.mjs')});`,
      'const hook = performance.now() - started;',
      `await import(${url(path.join('chunks', sdkChunk))});`,
      'process.stdout.write(JSON.stringify({ hook, hookWithSdk: performance.now() - started }));',
    ].join('\n'),
  );
  const runs = Array.from({ length: IMPORT_RUNS }, () => timeImports(script));
  return { hook: median(runs.map((run) => run.hook)), hookWithSdk: median(runs.map((run) => run.hookWithSdk)) };
};

const runProbe = async (url) => {
  const [check] = parseHookConfig({ checks: [{ path: '/', requests: REQUESTS, concurrency: CONCURRENCY, expect: { status: 200 } }] }).checks;
  const started = performance.now();
  const result = await runHttpCheck({ baseUrl: url, check, requestTimeoutMs: 5_000 });
  const seconds = (performance.now() - started) / 1_000;
  if (!result.passed) {
    throw new Error(`the probe failed: ${result.reason}`);
  }
  return { rps: REQUESTS / seconds, p50: result.latency.p50Ms, p95: result.latency.p95Ms, max: result.latency.maxMs };
};

// autocannon ends its runs on a 1-second tick, so its wall time says nothing for 1,000 requests: its throughput
// is timed from its start to its 1,000th response instead.
const runAutocannon = (url) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    let lastResponseAt = started;
    const instance = autocannon({ url, connections: CONCURRENCY, amount: REQUESTS }, (error, result) => {
      if (error !== null && error !== undefined) {
        reject(error);
      } else if (result.non2xx > 0 || result.errors > 0) {
        reject(new Error(`autocannon saw ${result.non2xx} non-2xx answers and ${result.errors} errors`));
      } else {
        const seconds = (lastResponseAt - started) / 1_000;
        resolve({ rps: REQUESTS / seconds, p50: result.latency.p50, p95: result.latency.p97_5, max: result.latency.max });
      }
    });
    instance.on('response', () => {
      lastResponseAt = performance.now();
    });
  });

const fmt = (value, digits = 1) => value.toFixed(digits);
const signed = (value) => `${value < 0 ? '−' : '+'}${fmt(Math.abs(value))}`;

const zipBytes = (await readFile(zipPath)).length;
console.log(`zip size: ${zipBytes} bytes (${fmt(zipBytes / 1024)} KiB; target ≤ 300 KB)`);

const dir = await unpack();
const imports = await measureColdImport(dir);
console.log(
  `cold import under Node ${spawnSync(node24Path(), ['--version']).stdout.toString().trim()} (median of ${IMPORT_RUNS} ` +
    `fresh processes, timed inside each): index.mjs ${fmt(imports.hook)} ms (target ≤ 40 ms); ` +
    `with the AWS SDK chunk ${fmt(imports.hookWithSdk)} ms`,
);

const PEAK_RSS_TARGET_MIB = 160;
const hostile = await measureHostileGreen(dir);
const [baseline] = hostile.rows;
console.log(
  `hostile green: the zip's handler on a CodeDeploy event (aws-sim), ${hostile.concurrency} requests at once, ` +
    `Lambda timeout ${hostile.lambdaTimeoutMs / 1_000} s; peak RSS target ≤ ${PEAK_RSS_TARGET_MIB} MiB:`,
);
for (const row of hostile.rows) {
  const rss =
    row.peakRssMiB === undefined
      ? 'peak RSS unknown'
      : `peak RSS ${fmt(row.peakRssMiB)} MiB${row === baseline ? ' (baseline)' : ` (${signed(row.peakRssMiB - baseline.peakRssMiB)} MiB against the baseline)`}`;
  const report = row.timeToReportMs === undefined ? 'no report' : `reported ${row.reports} after ${row.timeToReportMs} ms`;
  console.log(`  ${row.label}: ${rss}, ${report}: ${row.reason.slice(0, 160)}`);
}

const server = await startServerScript('bench-server.mjs');
try {
  await runProbe(server.url);
  await runAutocannon(server.url);
  const probes = [];
  const cannons = [];
  const ratios = [];
  for (let round = 0; round < PROBE_ROUNDS; round += 1) {
    const probe = await runProbe(server.url);
    const cannon = await runAutocannon(server.url);
    probes.push(probe);
    cannons.push(cannon);
    ratios.push(probe.rps / cannon.rps);
  }
  const summary = (runs) => ({
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p95: median(runs.map((run) => run.p95)),
    max: median(runs.map((run) => run.max)),
  });
  const probe = summary(probes);
  const cannon = summary(cannons);
  const sortedRatios = [...ratios].sort((a, b) => a - b);
  console.log(`probe of ${REQUESTS} requests at concurrency ${CONCURRENCY} (median of ${PROBE_ROUNDS} paired rounds, after a warm-up):`);
  console.log(`  runHttpCheck: ${fmt(probe.rps, 0)} req/s, p50 ${fmt(probe.p50)} ms, p95 ${fmt(probe.p95)} ms, max ${fmt(probe.max)} ms`);
  console.log(`  autocannon:   ${fmt(cannon.rps, 0)} req/s, p50 ${fmt(cannon.p50)} ms, p97.5 ${fmt(cannon.p95)} ms, max ${fmt(cannon.max)} ms`);
  console.log(
    `  ratio: ${fmt(median(ratios), 2)}× autocannon's throughput, median of the rounds' ratios ` +
      `(range ${fmt(sortedRatios[0], 2)}–${fmt(sortedRatios.at(-1), 2)}; target ≥ 0.8×)`,
  );
} finally {
  server.stop();
}
