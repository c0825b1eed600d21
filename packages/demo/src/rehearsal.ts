import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SimClock, startSimulator } from '@greenlight/aws-sim';
import { runnerInputs } from './action-inputs.js';
import { startActionStep } from './action-step.js';
import { AppProcess } from './app-process.js';
import { artifactPath, Artifacts } from './artifacts.js';
import { BlueGreenDeployment, type DeploymentProgress } from './blue-green-deployment.js';
import { parseDeploymentConfig } from './deployment-config.js';
import { DEFAULT_FAULTS, describeFaults } from './fault-options.js';
import { hookConfig } from './hook-config.js';
import { LambdaFunction } from './lambda-invoker.js';
import { LoadBalancer } from './load-balancer.js';
import { LoadGenerator, tallyDifference, type Tally } from './load-generator.js';
import { progressText, tallyText } from './progress-format.js';
import { evaluateRehearsal, type RehearsalResult } from './rehearsal-outcome.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import { findScenario } from './scenarios.js';
import { registerStack, STACK } from './stack.js';
import { summaryKeyLines } from './summary-lines.js';

const DEFAULTS = { speed: 60, seed: 1, ratePerSecond: 50, terminationWaitMinutes: 5 } as const;
// Simulated durations of the stack's steps; the deployment's own waits come from its configuration.
const TIMINGS = { sourceSeconds: 5, buildSeconds: 90, eventSeconds: 10, hookTimeoutMinutes: 60 } as const;
const HOOK_LAMBDA_TIMEOUT_MS = 60_000;
// Production keeps being measured this long after everything ended: what users see once the dust settles.
const AFTER_MS = 1_500;
// What production users see, printed this often while the rehearsal runs.
const PROGRESS_EVERY_MS = 2_000;
// The cancel scenario cancels this far into the first traffic hold.
const CANCEL_INTO_HOLD = 0.4;

const PHASE = {
  pipeline: 'pipeline running, all blue',
  testTraffic: 'test listener on green, hook running',
  production: (greenPercent: number): string => `production ${greenPercent}% green`,
  terminationWait: 'termination wait',
  rollback: 'rolling back',
  afterRelease: 'after: blue stopped',
  afterRollback: 'after: rolled back',
  afterStop: 'after: stopped',
} as const;

/**
 * Runs one blue/green rehearsal end to end and reports what happened: aws-sim plays AWS, everything else is
 * real (the sample app's processes, the load balancer on loopback, the hook zip, the action's dist).
 */
const runRehearsal = async (options: RehearsalOptions): Promise<RehearsalResult> => {
  const started = Date.now();
  const print = options.print ?? ((): void => undefined);
  const scenario = findScenario(options.scenario);
  const deploymentConfig = parseDeploymentConfig(options.deploymentConfig ?? scenario.deploymentConfig);
  const speed = options.speed ?? DEFAULTS.speed;
  const seed = options.seed ?? DEFAULTS.seed;
  const faults = options.faults ?? (scenario.faults ? DEFAULT_FAULTS : undefined);
  const terminationWaitMinutes = options.terminationWaitMinutes ?? DEFAULTS.terminationWaitMinutes;
  const actionEntry = artifactPath(Artifacts.actionEntry, options.actionEntry);
  const actionManifest = artifactPath(Artifacts.actionManifest);
  const hookZip = artifactPath(Artifacts.hookZip, options.hookZip);
  const clock = new SimClock(1 / speed);
  const section = (title: string): void => print(`\n━━ ${title} ${'━'.repeat(Math.max(3, 72 - title.length))}`);
  const field = (name: string, value: string): void => print(`  ${name.padEnd(20)}${value}`);

  section(`greenlight rehearsal · ${scenario.name}`);
  field('scenario', scenario.summary);
  field('deployment config', deploymentConfig.name);
  field('speed', `${speed}× (one simulated minute takes ${(60 / speed).toFixed(1)} s)`);
  field('AWS faults', faults === undefined ? 'none' : `${describeFaults(faults)} (seed ${seed})`);

  const cleanups: (() => unknown)[] = [];
  try {
    section('1 · Set-up: only AWS is simulated');
    const sim = await startSimulator({ seed, timeScale: clock.timeScale, ...(faults === undefined ? {} : { faults }) });
    cleanups.push(() => sim.stop());
    field('aws-sim', `${sim.endpoint} (CodePipeline, CodeDeploy, CodeBuild, CloudWatch Logs, ELBv2)`);
    const appLog = (line: string): void => print(`  app    │ ${line}`);
    const blue = await AppProcess.start({ version: 'v1', onLog: appLog });
    cleanups.push(() => blue.stop());
    field('blue task set', `sample app v1 on 127.0.0.1:${blue.port}`);
    const balancer = new LoadBalancer({ seed });
    balancer.blue.register(blue.port);
    await balancer.start();
    cleanups.push(() => balancer.stop());
    field('load balancer', `production ${balancer.production.url} · test ${balancer.test.url}`);
    registerStack(sim, {
      ports: { production: balancer.production.port, test: balancer.test.port },
      deploymentConfigName: deploymentConfig.name,
      terminationWaitMinutes,
      timings: TIMINGS,
    });
    field('pipeline', `${STACK.pipelineName}: Source (CodeStarSourceConnection) → Build (CodeBuild) → Deploy (CodeDeployToECS)`);
    const hookFunction = await LambdaFunction.deploy({
      zipPath: hookZip,
      functionName: STACK.hookFunctionName,
      timeoutMs: HOOK_LAMBDA_TIMEOUT_MS,
      environment: { ...sim.env, GREENLIGHT_CONFIG: hookConfig(balancer.test.url, 'v2', scenario.greenFailsCheck) },
      logSink: (logGroupName, logStreamName, events) => sim.logs.putEvents(logGroupName, logStreamName, events),
    });
    cleanups.push(() => hookFunction.remove());
    field('hook Lambda', `${STACK.hookFunctionName} ← ${path.relative(process.cwd(), hookZip)}`);

    const load = new LoadGenerator({
      url: balancer.production.url,
      ratePerSecond: options.ratePerSecond ?? DEFAULTS.ratePerSecond,
      // A bound, not a schedule: the run ends long before unless something hangs.
      maxDurationMs: 30 * 60_000,
    });
    cleanups.push(() => load.stop());
    field('load generator', `${options.ratePerSecond ?? DEFAULTS.ratePerSecond} requests/s on the production listener (keep-alive)`);
    load.setPhase(PHASE.pipeline);
    load.start();
    let previous: Tally = load.tally();
    const ticker = setInterval(() => {
      const current = load.tally();
      print(`  load   ▸ last ${PROGRESS_EVERY_MS / 1000} s: ${tallyText(tallyDifference(current, previous))}`);
      previous = current;
    }, PROGRESS_EVERY_MS);
    cleanups.push(() => clearInterval(ticker));

    // Cancels a little into a traffic hold, once production has really been split, to show that rolls back too.
    let cancelRequested: ((holdMinutes: number) => void) | undefined;
    let testTrafficAt: number | undefined;
    let deploymentEndedAt: number | undefined;
    const onProgress = (progress: DeploymentProgress): void => {
      const text = progressText(progress);
      if (text !== undefined) print(progress.kind === 'hook-log' ? text : `  deploy ▸ ${text}`);
      switch (progress.kind) {
        case 'test-traffic':
          if (progress.weights.green === 100) {
            testTrafficAt ??= Date.now();
            load.setPhase(PHASE.testTraffic);
          }
          break;
        case 'production-traffic':
          if (load.phase !== PHASE.rollback) load.setPhase(PHASE.production(progress.weights.green));
          if (progress.weights.green > 0 && progress.weights.green < 100) cancelRequested?.(progress.holdMinutes);
          break;
        case 'termination-wait':
          load.setPhase(PHASE.terminationWait);
          cancelRequested?.(progress.minutes);
          break;
        case 'rollback':
          load.setPhase(PHASE.rollback);
          break;
        case 'task-set-stopped':
          print(`  deploy ▸ production so far: ${tallyText(load.tally())}`);
          break;
        case 'deployment-ended':
          deploymentEndedAt = Date.now();
          load.setPhase(
            progress.status === 'Succeeded' ? PHASE.afterRelease : progress.status === 'Stopped' ? PHASE.afterStop : PHASE.afterRollback,
          );
          break;
        case 'lifecycle':
        case 'stopped-in-place':
        case 'green-started':
        case 'hook-invoked':
        case 'hook-function-error':
        case 'hook-log':
        case 'hook-reported':
          break;
      }
    };
    const deployment = new BlueGreenDeployment({
      balancer,
      blue,
      startGreen: async () => {
        const green = await AppProcess.start({ version: 'v2', onLog: appLog });
        cleanups.push(() => green.stop());
        return green;
      },
      hookFunction,
      hookFunctionName: STACK.hookFunctionName,
      clock,
      eventSeconds: TIMINGS.eventSeconds,
      terminationWaitMinutes,
      hookTimeoutMinutes: TIMINGS.hookTimeoutMinutes,
      onProgress,
    });
    sim.setDeploymentDriver((handle, signal) => deployment.drive(handle, signal));
    cleanups.push(() => deployment.settled());

    section('2 · The workflow step: the action\'s dist/index.js, run as the GitHub runner runs it');
    const workDir = await mkdtemp(path.join(tmpdir(), 'greenlight-demo-'));
    const sha = createHash('sha1').update(`greenlight-demo-${seed}`).digest('hex');
    const step = await startActionStep({
      entry: actionEntry,
      inputs: await runnerInputs(actionManifest, {
        'pipeline-name': STACK.pipelineName,
        'timeout-minutes': '30',
        ...(scenario.onCancel === undefined ? {} : { 'on-cancel': scenario.onCancel }),
      }),
      env: {
        ...sim.env,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_REPOSITORY: STACK.repository,
        GITHUB_SHA: sha,
        GITHUB_REF: `refs/heads/${STACK.branch}`,
        GITHUB_RUN_ID: String(9_000_000_000 + seed),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_JOB: 'deploy',
        GITHUB_WORKFLOW: 'deploy',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_ACTOR: 'octocat',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: 'https://api.github.com',
        RUNNER_OS: 'Linux',
        RUNNER_TEMP: workDir,
        GITHUB_WORKSPACE: workDir,
      },
      workDir,
      onLine: (line) => print(`  action │ ${line}`),
    });
    if (scenario.cancelDuringShift) {
      cancelRequested = (holdMinutes): void => {
        cancelRequested = undefined;
        setTimeout(() => {
          print('  runner ▸ the workflow run is cancelled: SIGINT to the action (SIGTERM 7.5 s later, then kill)');
          step.cancel();
        }, clock.realMs(holdMinutes * 60 * CANCEL_INTO_HOLD));
      };
    }
    const { main, post } = await step.done;
    const actionEndedAt = Date.now();
    print(`  runner ▸ the action exited with code ${main.exitCode ?? `none (signal ${main.signal})`}`);

    const executions = sim.executions(STACK.pipelineName);
    const execution = executions[0];
    const ended = execution === undefined ? undefined : await sim.waitForExecution(STACK.pipelineName, execution.id);
    await deployment.settled();
    await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
    clearInterval(ticker);
    const report = await load.stop();

    section('3 · Job summary');
    const summaryPath = path.join(workDir, 'summary.md');
    field('written to', summaryPath);
    for (const line of summaryKeyLines(main.summary)) print(`  │ ${line}`);

    const deploymentView =
      deployment.record.deploymentId === undefined ? undefined : sim.codedeploy.deployment(deployment.record.deploymentId);
    return evaluateRehearsal({
      scenario,
      deploymentConfig: deploymentConfig.name,
      speed,
      seed,
      action: { main, ...(post === undefined ? {} : { post }), summaryPath },
      executionCount: executions.length,
      pipelineStatus: ended?.status,
      deployment: deployment.record,
      deploymentView,
      hookReports:
        deploymentView === undefined ? 0 : sim.codedeploy.lifecycleReports(deploymentView.deploymentId).length,
      load: report,
      testTrafficAt,
      deploymentEndedAt,
      actionEndedAt,
      firstGreenProductionAt: balancer.production.stats.firstServedAt.green,
      calls: sim.calls,
      wallTimeMs: Date.now() - started,
    });
  } finally {
    // Best effort: one piece failing to stop must not leave the others (processes, ports) running.
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        continue;
      }
    }
  }
};

export { PHASE, runRehearsal };
