#!/usr/bin/env node
import { parseCliOptions, USAGE } from './cli-options.js';
import { startSimulator } from './simulator.js';
import { applyWorld, validateWorld } from './world.js';

const main = async (): Promise<void> => {
  const options = await parseCliOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Validate everything before listening, so a bad file never leaves a half-started server behind.
  validateWorld(options.world);
  const sim = await startSimulator(options.simulator);
  applyWorld(sim, options.world);
  // Someone has to invoke the hook Lambda by hand: say which hook execution is waiting.
  sim.codedeploy.onHook((hook) => {
    process.stdout.write(
      `hook open: deployment ${hook.deploymentId} ${hook.lifecycleEventName} lifecycleEventHookExecutionId=${hook.lifecycleEventHookExecutionId}\n`,
    );
  });
  const exports = Object.entries(sim.env)
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n');
  process.stdout.write(`aws-sim listening on ${sim.endpoint} (pipelines: ${options.world.pipelines.map((pipeline) => pipeline.name).join(', ')})\n${exports}\n`);
  const shutdown = (): void => {
    void sim.stop().then(() => {
      process.stdout.write('aws-sim stopped\n');
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

main().catch((error: unknown) => {
  process.stderr.write(`aws-sim: ${(error as Error).message}\n`);
  process.exitCode = 2;
});
