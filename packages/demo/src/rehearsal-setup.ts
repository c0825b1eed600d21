import path from 'node:path';
import { startSimulator, type Simulator } from '@greenlight/aws-sim';
import { AppProcess } from './app-process.js';
import { hookConfig } from './hook-config.js';
import { LambdaFunction } from './lambda-invoker.js';
import { LoadBalancer } from './load-balancer.js';
import { LoadGenerator, tallyDifference, type Tally } from './load-generator.js';
import { tallyText } from './progress-format.js';
import { phase } from './rehearsal-phases.js';
import type { RehearsalPrinter } from './rehearsal-printer.js';
import { TIMINGS, type RehearsalSettings } from './rehearsal-settings.js';
import { registerStack, demoStack } from './stack.js';

const HOOK_LAMBDA_TIMEOUT_MS = 60_000;
// What production users see, printed this often while the rehearsal runs.
const PROGRESS_EVERY_MS = 2_000;

/** Everything running before the workflow step: aws-sim with the stack, blue, the load balancer, the hook, the users. */
interface RehearsalStack {
  readonly sim: Simulator;
  readonly blue: AppProcess;
  readonly balancer: LoadBalancer;
  readonly hookFunction: LambdaFunction;
  readonly load: LoadGenerator;
  /** Starts one more task of the sample app, stopped with the rest at the end. */
  startApp(version: string): Promise<AppProcess>;
  /** Ends the periodic lines on what production users see. */
  stopProgress(): void;
}

/** Starts the stack (only AWS simulated), each piece registering how to stop it in `cleanups`. */
const setUpRehearsal = async (
  settings: RehearsalSettings,
  printer: RehearsalPrinter,
  cleanups: (() => unknown)[],
): Promise<RehearsalStack> => {
  const { field } = printer;
  printer.section('1 · Set-up: only AWS is simulated');
  const sim = await startSimulator({
    seed: settings.seed,
    timeScale: settings.clock.timeScale,
    ...(settings.faults === undefined ? {} : { faults: settings.faults }),
  });
  cleanups.push(() => sim.stop());
  field('aws-sim', `${sim.endpoint} (CodePipeline, CodeDeploy, CodeBuild, CloudWatch Logs, ELBv2)`);
  const startApp = async (version: string): Promise<AppProcess> => {
    const app = await AppProcess.start({ version, onLog: (line) => printer.line(`  app    │ ${line}`) });
    cleanups.push(() => app.stop());
    return app;
  };
  const blue = await startApp('v1');
  field('blue task set', `sample app v1 on 127.0.0.1:${blue.port}`);
  const balancer = new LoadBalancer({ seed: settings.seed });
  balancer.blue.register(blue.port);
  await balancer.start();
  cleanups.push(() => balancer.stop());
  field('load balancer', `production ${balancer.production.url} · test ${balancer.test.url}`);
  registerStack(sim, {
    ports: { production: balancer.production.port, test: balancer.test.port },
    deploymentConfigName: settings.deploymentConfig.name,
    terminationWaitMinutes: settings.terminationWaitMinutes,
    timings: TIMINGS,
  });
  field('pipeline', `${demoStack.pipelineName}: Source (CodeStarSourceConnection) → Build (CodeBuild) → Deploy (CodeDeployToECS)`);
  const hookFunction = await LambdaFunction.deploy({
    zipPath: settings.hookZip,
    functionName: demoStack.hookFunctionName,
    timeoutMs: HOOK_LAMBDA_TIMEOUT_MS,
    environment: { ...sim.env, GREENLIGHT_CONFIG: hookConfig(balancer.test.url, 'v2', settings.scenario.greenFailsCheck) },
    logSink: (logGroupName, logStreamName, events) => sim.logs.putEvents(logGroupName, logStreamName, events),
  });
  cleanups.push(() => hookFunction.remove());
  field('hook Lambda', `${demoStack.hookFunctionName} ← ${path.relative(process.cwd(), settings.hookZip)}`);

  const load = new LoadGenerator({
    url: balancer.production.url,
    ratePerSecond: settings.ratePerSecond,
    // A bound, not a schedule: the run ends long before unless something hangs.
    maxDurationMs: 30 * 60_000,
  });
  cleanups.push(() => load.stop());
  field('load generator', `${settings.ratePerSecond} requests/s on the production listener (keep-alive)`);
  load.setPhase(phase.pipeline);
  load.start();
  return { sim, blue, balancer, hookFunction, load, startApp, stopProgress: startProgress(load, printer, cleanups) };
};

/** Prints what production users saw every few seconds; returns how to stop. */
const startProgress = (load: LoadGenerator, printer: RehearsalPrinter, cleanups: (() => unknown)[]): (() => void) => {
  let previous: Tally = load.tally();
  const ticker = setInterval(() => {
    const current = load.tally();
    printer.line(`  load   ▸ last ${PROGRESS_EVERY_MS / 1000} s: ${tallyText(tallyDifference(current, previous))}`);
    previous = current;
  }, PROGRESS_EVERY_MS);
  const stop = (): void => clearInterval(ticker);
  cleanups.push(stop);
  return stop;
};

export { setUpRehearsal };
export type { RehearsalStack };
