#!/usr/bin/env node
import { parseCliOptions, USAGE } from './cli-options.js';
import { validateScenario } from './scenario.js';
import { startSimulator } from './simulator.js';

const main = async (): Promise<void> => {
  const options = await parseCliOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Validate everything before listening, so a bad file never leaves a half-started server behind.
  options.pipelines.forEach(validateScenario);
  const sim = await startSimulator(options.simulator);
  for (const pipeline of options.pipelines) {
    sim.addPipeline(pipeline);
  }
  const exports = Object.entries(sim.env)
    .map(([name, value]) => `export ${name}=${value}`)
    .join('\n');
  process.stdout.write(`aws-sim listening on ${sim.endpoint} (pipelines: ${options.pipelines.map((p) => p.name).join(', ')})\n${exports}\n`);
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
