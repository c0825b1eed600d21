import { parseArgs } from 'node:util';
import { parseDeploymentConfig } from './deployment-config.js';
import { DemoInputError } from './errors.js';
import { parseFaults } from './fault-options.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import { findScenario, SCENARIOS } from './scenarios.js';

const usage = `Usage: npm run demo -- [options]

A full local blue/green rehearsal: only AWS is simulated (aws-sim); the sample app runs as real blue (v1) and
green (v2) processes behind a local load balancer, the lifecycle hook is the real zip, the action is the real
dist/index.js run as the GitHub runner runs it, and a load generator measures what production users see.

Scenarios (--scenario, default success):
${SCENARIOS.map((scenario) => `  ${scenario.name.padEnd(13)}${scenario.summary}`).join('\n')}

Options:
  --scenario <name>            one of the scenarios above
  --deployment-config <name>   CodeDeployDefault.ECSAllAtOnce | ECSCanary<P>Percent<M>Minutes | ECSLinear<P>PercentEvery<M>Minutes
                               or all-at-once, canary:<P>:<M>, linear:<P>:<M> (default: the scenario's)
  --speed <n>                  simulated seconds per real second (default 60: a 5-minute canary takes 5 s)
  --seed <n>                   seeds routing and fault injection, so a run can be replayed (default 1)
  --faults <spec>              inject AWS faults: "default" (30% throttled, 10% 5xx) or
                               throttle=<0-1>,5xx=<0-1>,drop=<0-1>,latency=<min>-<max>
  --rate <n>                   production requests per second from the load generator (default 50)
  --termination-wait <min>     minutes blue keeps running after the cutover (default 5; the module's default is 15)
  -h, --help                   show this help

Exit code: 0 when the scenario's expected outcome happened (for hook-fails the rollback, for cancel the
rollback and stop, for cancel-stop the stop with the deployment completed, otherwise the release) with no failed
production request; 1 when it did not; 2 on a usage error.`;

const number = (name: string, value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new DemoInputError(`--${name} "${value}": expected a number from ${min} to ${max}`);
  }
  return parsed;
};

type CliCommand = { readonly help: true } | { readonly help: false; readonly options: RehearsalOptions };

/** Reads the command line; every bad value is a DemoInputError naming the option and what it expects. */
const parseCli = (args: readonly string[]): CliCommand => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string' },
        'deployment-config': { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string' },
        rate: { type: 'string' },
        'termination-wait': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new DemoInputError(`${(error as Error).message}; see --help`, { cause: error });
  }
  const { values } = parsed;
  if (values.help === true) return { help: true };
  const scenario = findScenario(values.scenario ?? 'success');
  if (values['deployment-config'] !== undefined) parseDeploymentConfig(values['deployment-config']);
  const speed = number('speed', values.speed, 1, 100_000);
  const seed = number('seed', values.seed, 0, 2 ** 32 - 1);
  const rate = number('rate', values.rate, 1, 2_000);
  const terminationWait = number('termination-wait', values['termination-wait'], 0, 2_880);
  return {
    help: false,
    options: {
      scenario: scenario.name,
      ...(values['deployment-config'] === undefined ? {} : { deploymentConfig: values['deployment-config'] }),
      ...(speed === undefined ? {} : { speed }),
      ...(seed === undefined ? {} : { seed: Math.trunc(seed) }),
      ...(values.faults === undefined ? {} : { faults: parseFaults(values.faults) }),
      ...(rate === undefined ? {} : { ratePerSecond: rate }),
      ...(terminationWait === undefined ? {} : { terminationWaitMinutes: terminationWait }),
    },
  };
};

export { parseCli, usage };
export type { CliCommand };
