// The hostile-green part of `npm run bench`: invokes the unpacked zip's handler as Lambda does (one fresh Node 24
// process per invocation, tests/fixtures/invoke-lambda.mjs) on a CodeDeploy event, against aws-sim and
// scripts/hostile-green.mjs, and measures the process's peak resident memory and the time until the verdict was
// reported. The 1 MiB body sent in one piece is the baseline the hostile answers are read against.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@greenlight/aws-sim';
import { node24Path } from '@greenlight/testkit';
import { startServerScript } from './start-server-script.mjs';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAMBDA_TIMEOUT_MS = 20_000;
const CONCURRENCY = 4;
const REDOS_PATTERN = '"version":\\s*"(\\d+\\.?)+"';

const CASES = [
  ['1 MiB JSON body in one piece (baseline)', '/one-mebibyte'],
  ['the same body as 1-byte chunks', '/one-byte-chunks'],
  ['a chunk-size line that never ends', '/endless-chunk-size'],
].map(([label, path]) => ({
  label,
  check: { name: label, path, requests: CONCURRENCY, concurrency: CONCURRENCY, expect: { json: { '/status': 'ok' } } },
}));

const REDOS_CASE = {
  label: `bodyMatches ${REDOS_PATTERN} on 34 digits and an x`,
  check: { name: 'redos', path: '/redos', expect: { bodyMatches: REDOS_PATTERN } },
};

// Like the Lambda tests' invokeHook: a function still running past its timeout is killed, as Lambda would.
const invoke = (functionDir, env, event, config) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(node24Path(), [path.join(packageDir, 'tests', 'fixtures', 'invoke-lambda.mjs'), functionDir], {
      env: {
        PATH: process.env.PATH ?? '',
        ...env,
        LAMBDA_EVENT: JSON.stringify(event),
        LAMBDA_TIMEOUT_MS: String(LAMBDA_TIMEOUT_MS),
        GREENLIGHT_CONFIG: JSON.stringify(config),
      },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: LAMBDA_TIMEOUT_MS + 1_000,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', () => {
      const lines = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      resolve({ started, outcome: lines.find((line) => line.lambdaOutcome === true), decision: lines.find((line) => line.message === 'decision') });
    });
  });

const runCase = async (sim, functionDir, green, { label, check }) => {
  const { deploymentId, hookExecutionIds } = sim.codedeploy.createDeployment({ applicationName: 'bench', deploymentGroupName: 'bench' });
  const event = { DeploymentId: deploymentId, LifecycleEventHookExecutionId: hookExecutionIds.AfterAllowTestTraffic };
  const config = { targetUrl: green.url, readyTimeoutSeconds: 0, checks: [{ name: 'health', path: '/health' }, check] };
  const { started, outcome, decision } = await invoke(functionDir, sim.env, event, config);
  const reports = sim.codedeploy.lifecycleReports(deploymentId);
  const reportedAt = sim.callsTo('PutLifecycleEventHookExecutionStatus').filter((call) => call.errorType === undefined).at(-1)?.at;
  return {
    label,
    reports: reports.map((report) => report.status).join(', ') || 'none',
    timeToReportMs: reports.length === 0 || reportedAt === undefined ? undefined : reportedAt.getTime() - started,
    peakRssMiB: outcome?.maxRssKiB === undefined ? undefined : outcome.maxRssKiB / 1024,
    reason: String(decision?.reason ?? (outcome?.timedOut === true || outcome === undefined ? 'killed at the Lambda timeout' : '')),
  };
};

/** Runs every case one after the other (each invocation alone on the machine) and returns one row per case. */
const measureHostileGreen = async (functionDir) => {
  const [sim, green] = await Promise.all([startSimulator({ seed: 3 }), startServerScript('hostile-green.mjs')]);
  try {
    sim.codedeploy.addDeploymentGroup({
      applicationName: 'bench',
      deploymentGroupName: 'bench',
      prodListenerArns: [],
      testListenerArns: [],
      targetGroups: ['blue', 'green'],
    });
    const rows = [];
    for (const benchCase of [...CASES, REDOS_CASE]) {
      rows.push(await runCase(sim, functionDir, green, benchCase));
    }
    return { rows, lambdaTimeoutMs: LAMBDA_TIMEOUT_MS, concurrency: CONCURRENCY };
  } finally {
    green.stop();
    await sim.stop();
  }
};

export { measureHostileGreen };
