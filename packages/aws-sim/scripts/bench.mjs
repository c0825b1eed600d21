// Prints the simulator's figures (never asserted): request throughput and latency through the real SDK,
// against a bare node:http JSON server in the same run, and how closely executions keep simulated time.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CodePipelineClient, GetPipelineExecutionCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator } from '../dist/index.js';

const REQUESTS = 2000;
const CONCURRENCY = 10;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

// The simulator verifies SigV4 signatures against the key pair it hands out in sim.env.
const credentialsOf = (sim) => ({ accessKeyId: sim.env.AWS_ACCESS_KEY_ID, secretAccessKey: sim.env.AWS_SECRET_ACCESS_KEY });

const load = async (endpoint, pipelineExecutionId, credentials, requests = REQUESTS) => {
  const client = new CodePipelineClient({ endpoint, region: 'us-east-1', credentials });
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        next += 1;
        const t0 = performance.now();
        await client.send(new GetPipelineExecutionCommand({ pipelineName: 'bench', pipelineExecutionId }));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: requests / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
};

const scenario = (durationSeconds) => ({
  name: 'bench',
  stages: [
    { name: 'Source', actions: [{ name: 'Source', category: 'Source', provider: 'CodeStarSourceConnection', durationSeconds: durationSeconds / 4 }] },
    { name: 'Build', actions: [{ name: 'Build', category: 'Build', provider: 'CodeBuild', durationSeconds: durationSeconds / 4 }] },
    { name: 'Deploy', actions: [{ name: 'Deploy', category: 'Deploy', provider: 'CodeDeployToECS', durationSeconds: durationSeconds / 2 }] },
  ],
});

// Baseline: the same SDK against a server that only answers a fixed GetPipelineExecution body.
const body = JSON.stringify({ pipelineExecution: { pipelineName: 'bench', pipelineExecutionId: 'x', status: 'InProgress' } });
const bare = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
// Warm both servers and the SDK up first, so that neither side pays the JIT's start in its figures.
const anyCredentials = { accessKeyId: 'AKIABARESERVER000000', secretAccessKey: 'unchecked' };
await load(`http://127.0.0.1:${bare.address().port}`, 'x', anyCredentials, 500);
const baseline = await load(`http://127.0.0.1:${bare.address().port}`, 'x', anyCredentials);
bare.close();

const sim = await startSimulator({ seed: 1, timeScale: 1 });
sim.addPipeline(scenario(3600));
const startClient = new CodePipelineClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials: credentialsOf(sim) });
const { pipelineExecutionId } = await startClient.send(new StartPipelineExecutionCommand({ name: 'bench' }));
await load(sim.endpoint, pipelineExecutionId, credentialsOf(sim), 500);
const simulated = await load(sim.endpoint, pipelineExecutionId, credentialsOf(sim));
await sim.stop();

// Clock fidelity: a 60 scenario-second execution at timeScale 0.05 should take 3 real seconds, and its timestamps span 3 s.
const timed = await startSimulator({ seed: 1, timeScale: 0.05 });
timed.addPipeline(scenario(60));
const timedClient = new CodePipelineClient({ endpoint: timed.endpoint, region: 'us-east-1', credentials: credentialsOf(timed) });
const t0 = performance.now();
const { pipelineExecutionId: timedId } = await timedClient.send(new StartPipelineExecutionCommand({ name: 'bench' }));
const ended = await timed.waitForExecution('bench', timedId);
const realMs = performance.now() - t0;
const reportedMs = ended.endTime.getTime() - ended.startTime.getTime();
timedClient.destroy();
startClient.destroy();
await timed.stop();

const fmt = (n) => n.toFixed(1);
console.log(`aws-sim bench (${REQUESTS} GetPipelineExecution via @aws-sdk/client-codepipeline, concurrency ${CONCURRENCY})`);
console.log(`  bare node:http baseline : ${fmt(baseline.rps)} req/s, p50 ${fmt(baseline.p50)} ms, p95 ${fmt(baseline.p95)} ms`);
console.log(`  aws-sim                 : ${fmt(simulated.rps)} req/s, p50 ${fmt(simulated.p50)} ms, p95 ${fmt(simulated.p95)} ms (${fmt((100 * simulated.rps) / baseline.rps)}% of baseline)`);
console.log(`  clock: 60 s scenario at timeScale 0.05 ended after ${fmt(realMs)} ms real (expected 3000); its timestamps span ${fmt(reportedMs)} ms`);
