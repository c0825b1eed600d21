// Prints the action's performance figures (never asserted in tests):
// - cold start of dist/index.js to the missing-input exit, net of `node -e 0` (median of N runs), and peak RSS;
// - bundle sizes (what loads at startup, each lazy chunk);
// - following scripted ~60 s executions in aws-sim at timeScale 1: API calls per minute and end-detection
//   latency (execution end → process exit), p50/p95;
// - 20 runs at once against per-operation quotas (token buckets in aws-sim): the share of calls throttled and the
//   longest run, with the SDK's adaptive retry mode (the action's default) against standard (the baseline, chosen
//   through the SDK's own AWS_RETRY_MODE).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@greenlight/aws-sim';
import { node24Path } from '@greenlight/testkit';
import { startupGraph } from './startup-graph.mjs';

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// BENCH_DIST measures another build (e.g. the previous release's dist/) with the same script, for before/after figures.
const dist = path.resolve(process.env['BENCH_DIST'] ?? path.join(packageDir, 'dist'));
const node = node24Path();
const ColdRuns = Number(process.env['BENCH_COLD_RUNS'] ?? 30);
const FollowRuns = Number(process.env['BENCH_FOLLOW_RUNS'] ?? 6);
const QuotaRuns = Number(process.env['BENCH_QUOTA_RUNS'] ?? 20);
const QuotaPerSecond = Number(process.env['BENCH_QUOTA_PER_SECOND'] ?? 5);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const timeOnce = (args) => {
  const started = process.hrtime.bigint();
  spawnSync(node, args, { env: { PATH: process.env['PATH'] }, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const peakRssKb = (args) => {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', node, ...args], { env: { PATH: process.env['PATH'] }, encoding: 'utf8' });
  return Number(result.stderr.trim().split('\n').at(-1));
};

const coldStart = () => {
  const baseline = [];
  const action = [];
  // Interleaved, so load on the shared machine hits both series alike.
  for (let run = 0; run < ColdRuns; run++) {
    baseline.push(timeOnce(['-e', '0']));
    action.push(timeOnce([path.join(dist, 'index.js')]));
  }
  const exit = spawnSync(node, [path.join(dist, 'index.js')], { env: { PATH: process.env['PATH'] }, encoding: 'utf8' });
  console.log(`cold start (missing input → exit ${exit.status}), median of ${ColdRuns}:`);
  console.log(`  node -e 0          ${median(baseline).toFixed(1)} ms`);
  console.log(`  node dist/index.js ${median(action).toFixed(1)} ms`);
  console.log(`  net of Node        ${(median(action) - median(baseline)).toFixed(1)} ms`);
  console.log(`  peak RSS           node -e 0: ${(peakRssKb(['-e', '0']) / 1024).toFixed(1)} MiB, action: ${(peakRssKb([path.join(dist, 'index.js')]) / 1024).toFixed(1)} MiB`);
};

const bundleSizes = () => {
  const size = (file) => statSync(file).size;
  const total = (files) => files.reduce((sum, file) => sum + size(file), 0);
  const startup = startupGraph(path.join(dist, 'index.js'));
  const files = readdirSync(dist, { recursive: true }).map((file) => path.join(dist, file)).filter((file) => statSync(file).isFile());
  console.log('bundle:');
  console.log(`  loaded at startup (index.js + static imports) ${kb(total(startup))}`);
  console.log(`  dist/ total                                  ${kb(total(files))}`);
  // Each lazy entry with the shared chunks it pulls in beyond what startup already loaded.
  for (const file of files.filter((name) => /chunks\/(execute|deployment-details|ecs-deployment-follower|ecs-rollback|build-logs|hook-failure|summary|github-deployment)-/.test(name))) {
    const added = startupGraph(file).filter((chunk) => !startup.includes(chunk));
    console.log(`  lazy ${path.basename(file).padEnd(36)} ${kb(size(file)).padStart(9)} (${kb(total(added))} with its imports)`);
  }
};

// ~60 s: 5 s source, 30 s build, 25 s blue/green deployment; five earlier executions to learn from. Each pipeline
// deploys to a deployment group of its own: CodeDeploy allows one active deployment per group.
const benchPipeline = (name, withHistory = true) => ({
  name,
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source', provider: 'CodeStarSourceConnection', configuration: { FullRepositoryId: 'octo/app' }, durationSeconds: 5 }] },
    { name: 'Build', actions: [{ name: 'Build', category: 'Build', provider: 'CodeBuild', configuration: { ProjectName: 'app' }, durationSeconds: 30 }] },
    { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy', provider: 'CodeDeployToECS', configuration: { ApplicationName: 'app', DeploymentGroupName: `${name}-dg` }, durationSeconds: 25 }] },
  ],
  history: withHistory ? [1, 2, 3, 4, 5].map((index) => ({ status: 'Succeeded', endedSecondsAgo: index * 3600 })) : [],
});

const followOnce = (sim, name, extraEnv = {}) =>
  new Promise((resolve, reject) => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'pipeline-action-bench-'));
    const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary.md' };
    for (const file of Object.values(files)) writeFileSync(path.join(workDir, file), '');
    const env = {
      PATH: process.env['PATH'],
      ...sim.env,
      ...Object.fromEntries(Object.entries(files).map(([key, file]) => [key, path.join(workDir, file)])),
      'INPUT_PIPELINE-NAME': name,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_RUN_ID: '1',
      GITHUB_JOB: name,
      ...extraEnv,
    };
    const started = Date.now();
    const child = spawn(node, [path.join(dist, 'index.js')], { env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, started, exited: Date.now() }));
  });

const callsOf = (sim, name) => {
  const [execution] = sim.executions(name);
  const deploymentIds = new Set(execution.actions.map((action) => action.externalExecutionId).filter(Boolean));
  return sim.calls.filter((call) => (call.input['name'] ?? call.input['pipelineName']) === name || deploymentIds.has(call.input['deploymentId']));
};

const follow = async () => {
  const sim = await startSimulator({ seed: 3, timeScale: 1 });
  const names = Array.from({ length: FollowRuns }, (_, index) => `bench-${index}`);
  for (const name of names) sim.addPipeline(benchPipeline(name));
  // The same pipeline's first execution ever: nothing to learn from.
  sim.addPipeline(benchPipeline('bench-first', false));
  // Concurrent runs: several samples in one minute; each pipeline's calls are counted apart.
  const [first, ...runs] = await Promise.all(['bench-first', ...names].map((name) => followOnce(sim, name)));
  const minutes = (run) => (run.exited - run.started) / 60_000;
  const samples = names.map((name, index) => {
    const run = runs[index];
    const [execution] = sim.executions(name);
    if (run.code !== 0 || execution.status !== 'Succeeded') console.log(`  ${name}: exit ${run.code}, ${execution.status}`);
    const calls = callsOf(sim, name).length;
    return { calls, rate: calls / minutes(run), latency: run.exited - execution.endTime.getTime() };
  });
  const firstCalls = callsOf(sim, 'bench-first').length;
  const firstLatency = first.exited - sim.executions('bench-first')[0].endTime.getTime();
  await sim.stop();
  const latencies = samples.map((sample) => sample.latency);
  const rates = samples.map((sample) => sample.rate);
  console.log(`following a ~60 s execution at timeScale 1 (${FollowRuns} runs, history of 5 executions):`);
  console.log(`  API calls per run   ${samples.map((sample) => sample.calls).join(', ')}`);
  console.log(`  API calls / minute  mean ${(rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(1)}, max ${Math.max(...rates).toFixed(1)}`);
  console.log(`  end detection       p50 ${(percentile(latencies, 50) / 1000).toFixed(2)} s, p95 ${(percentile(latencies, 95) / 1000).toFixed(2)} s (execution end → process exit)`);
  console.log(`  without history     ${firstCalls} calls (${(firstCalls / minutes(first)).toFixed(1)} / minute), end detected after ${(firstLatency / 1000).toFixed(2)} s`);
};

// The operations the action calls while following, each with its own quota as AWS applies them per operation.
const FollowedOperations = [
  'GetPipeline',
  'StartPipelineExecution',
  'ListPipelineExecutions',
  'GetPipelineExecution',
  'ListActionExecutions',
  'GetDeployment',
  'ListDeploymentTargets',
  'GetDeploymentTarget',
  'BatchGetBuilds',
];

const sharedQuotaOnce = async (retryMode) => {
  const rateLimits = Object.fromEntries(FollowedOperations.map((operation) => [operation, { ratePerSecond: QuotaPerSecond }]));
  const sim = await startSimulator({ seed: 5, timeScale: 1, faults: { rateLimits } });
  const names = Array.from({ length: QuotaRuns }, (_, index) => `quota-${index}`);
  for (const name of names) sim.addPipeline(benchPipeline(name));
  const runs = await Promise.all(names.map((name) => followOnce(sim, name, { AWS_RETRY_MODE: retryMode })));
  const throttled = sim.calls.filter((call) => call.errorType === 'ThrottlingException').length;
  const correct = names.filter((name, index) => runs[index].code === 0 && sim.executions(name).length === 1 && sim.executions(name)[0].status === 'Succeeded');
  const result = { calls: sim.calls.length, throttled, correct: correct.length, longestMs: Math.max(...runs.map((run) => run.exited - run.started)) };
  await sim.stop();
  return result;
};

const sharedQuota = async () => {
  console.log(`${QuotaRuns} runs at once, each operation's quota ${QuotaPerSecond} calls/s (one execution each, with history):`);
  for (const mode of ['standard', 'adaptive']) {
    const { calls, throttled, correct, longestMs } = await sharedQuotaOnce(mode);
    const label = mode === 'adaptive' ? 'adaptive (default)' : 'standard (baseline)';
    console.log(
      `  ${label.padEnd(20)} ${((100 * throttled) / calls).toFixed(1)}% of ${calls} calls throttled, ${correct}/${QuotaRuns} runs correct, longest ${(longestMs / 1000).toFixed(1)} s`,
    );
  }
};

console.log(`node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()} at ${node}`);
coldStart();
bundleSizes();
await follow();
await sharedQuota();
