import { describeFaults } from './fault-options.js';
import { driveDeployment } from './rehearsal-drive.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import type { RehearsalResult } from './rehearsal-outcome.js';
import { rehearsalPrinter } from './rehearsal-printer.js';
import { reportRehearsal } from './rehearsal-report.js';
import { rehearsalSettings } from './rehearsal-settings.js';
import { setUpRehearsal } from './rehearsal-setup.js';
import { runWorkflowStep } from './rehearsal-step.js';

/**
 * Runs one blue/green rehearsal end to end and reports what happened: aws-sim plays AWS, everything else is
 * real (the sample app's processes, the load balancer on loopback, the hook zip, the action's dist).
 */
const runRehearsal = async (options: RehearsalOptions): Promise<RehearsalResult> => {
  const startedAt = Date.now();
  const settings = rehearsalSettings(options);
  const printer = rehearsalPrinter(options.print ?? ((): void => undefined));
  const { scenario, speed, faults } = settings;
  printer.section(`greenlight rehearsal · ${scenario.name}`);
  printer.field('scenario', scenario.summary);
  printer.field('deployment config', settings.deploymentConfig.name);
  printer.field('speed', `${speed}× (one simulated minute takes ${(60 / speed).toFixed(1)} s)`);
  printer.field('AWS faults', faults === undefined ? 'none' : `${describeFaults(faults)} (seed ${settings.seed})`);

  const cleanups: (() => unknown)[] = [];
  try {
    const stack = await setUpRehearsal(settings, printer, cleanups);
    const drive = driveDeployment(settings, stack, printer);
    cleanups.push(() => drive.deployment.settled());
    const step = await runWorkflowStep(settings, stack, drive, printer);
    return await reportRehearsal({ settings, stack, drive, step, printer, startedAt });
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

export { runRehearsal };
