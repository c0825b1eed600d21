import type { RehearsalDrive } from './rehearsal-drive.js';
import { evaluateRehearsal, type RehearsalResult } from './rehearsal-outcome.js';
import type { RehearsalPrinter } from './rehearsal-printer.js';
import type { RehearsalSettings } from './rehearsal-settings.js';
import type { RehearsalStack } from './rehearsal-setup.js';
import type { StepRun } from './rehearsal-step.js';
import { demoStack } from './stack.js';
import { summaryKeyLines } from './summary-lines.js';

// Production keeps being measured this long after everything ended: what users see once the dust settles.
const AFTER_MS = 1_500;

interface RehearsalRun {
  readonly settings: RehearsalSettings;
  readonly stack: RehearsalStack;
  readonly drive: RehearsalDrive;
  readonly step: StepRun;
  readonly printer: RehearsalPrinter;
  /** Epoch ms the rehearsal started. */
  readonly startedAt: number;
}

/**
 * Once the step exited, lets the pipeline execution, the deployment and the hook end, measures production a
 * little longer, prints the job summary's key lines and judges the rehearsal against its scenario.
 */
const reportRehearsal = async ({ settings, stack, drive, step, printer, startedAt }: RehearsalRun): Promise<RehearsalResult> => {
  const { sim, load, balancer } = stack;
  const { deployment } = drive;
  const executions = sim.executions(demoStack.pipelineName);
  const execution = executions[0];
  const ended = execution === undefined ? undefined : await sim.waitForExecution(demoStack.pipelineName, execution.id);
  await deployment.settled();
  await new Promise((resolve) => setTimeout(resolve, AFTER_MS));
  stack.stopProgress();
  const report = await load.stop();

  printer.section('3 · Job summary');
  printer.field('written to', step.summaryPath);
  for (const line of summaryKeyLines(step.main.summary)) printer.line(`  │ ${line}`);

  const deploymentView =
    deployment.record.deploymentId === undefined ? undefined : sim.codedeploy.deployment(deployment.record.deploymentId);
  return evaluateRehearsal({
    scenario: settings.scenario,
    deploymentConfig: settings.deploymentConfig.name,
    speed: settings.speed,
    seed: settings.seed,
    action: { main: step.main, ...(step.post === undefined ? {} : { post: step.post }), summaryPath: step.summaryPath },
    executionCount: executions.length,
    pipelineStatus: ended?.status,
    deployment: deployment.record,
    deploymentView,
    hookReports: deploymentView === undefined ? 0 : sim.codedeploy.lifecycleReports(deploymentView.deploymentId).length,
    load: report,
    testTrafficAt: drive.moments.testTrafficAt,
    deploymentEndedAt: drive.moments.deploymentEndedAt,
    actionEndedAt: step.actionEndedAt,
    firstGreenProductionAt: balancer.production.stats.firstServedAt.green,
    calls: sim.calls,
    wallTimeMs: Date.now() - startedAt,
  });
};

export { reportRehearsal };
