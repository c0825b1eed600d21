import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SimulatorCliError } from './errors.js';
import type { FaultSpec } from './faults.js';
import type { RateLimit } from './rate-limiter.js';
import type { SimulatorOptions } from './simulator.js';
import { worldFrom, type SimulatorWorld } from './world.js';

const USAGE = `Usage: aws-sim --scenario file.json [options]

Serves CodePipeline, CodeDeploy, CodeBuild, CloudWatch Logs and ELBv2 on 127.0.0.1 until SIGINT.

  --scenario FILE        JSON: a pipeline scenario, an array of them, or
                         { "pipelines": [...], "loadBalancers": [...], "deploymentGroups": [...] }
  --port N               listen port (default: a free one)
  --seed N               seed for ids and faults (default 1)
  --time-scale X         real seconds per scenario second (default 1)
  --throttle RATE        share of calls answered ThrottlingException (0..1)
  --server-errors RATE   share of calls answered 500/503
  --drop RATE            share of calls whose connection is dropped
  --latency MIN,MAX      added latency in milliseconds
  --deny SERVICE:OP      answer AccessDenied for this operation (repeatable)
  --rate-limit OP=R[/B]  quota: R calls per second, bursts of B, for OP (SERVICE:OP,
                         OP or SERVICE:*); over it, ThrottlingException (repeatable)
  --expired-credentials  answer ExpiredTokenException to every call
  --help                 this text`;

interface CliOptions {
  readonly help: boolean;
  readonly simulator: SimulatorOptions;
  readonly world: SimulatorWorld;
}

const rate = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!(parsed >= 0 && parsed <= 1)) {
    throw new SimulatorCliError(`--${flag} expects a rate between 0 and 1, got "${value}".`);
  }
  return parsed;
};

const positive = (flag: string, value: string | undefined, integer: boolean): number | undefined => {
  if (value === undefined) {
    return undefined;
  }
  const parsed = Number(value);
  if (!(parsed >= 0) || (integer && !Number.isInteger(parsed))) {
    throw new SimulatorCliError(`--${flag} expects ${integer ? 'a non-negative integer' : 'a positive number'}, got "${value}".`);
  }
  return parsed;
};

const RATE_LIMIT = /^([^=\s]+)=(\d*\.?\d+)(?:\/(\d+))?$/;

const rateLimits = (values: readonly string[] | undefined): Record<string, RateLimit> | undefined => {
  if (values === undefined) {
    return undefined;
  }
  return Object.fromEntries(
    values.map((value) => {
      const parts = RATE_LIMIT.exec(value);
      if (parts === null || !(Number(parts[2]) > 0) || parts[3] === '0') {
        throw new SimulatorCliError(`--rate-limit expects OPERATION=RATE[/BURST] with RATE > 0 calls per second, got "${value}".`);
      }
      return [parts[1] ?? '', { ratePerSecond: Number(parts[2]), ...(parts[3] === undefined ? {} : { burst: Number(parts[3]) }) }];
    }),
  );
};

const loadWorld = async (file: string): Promise<SimulatorWorld> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SimulatorCliError(`--scenario ${file} could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  return worldFrom(parsed, `--scenario ${file}`);
};

/** Parses the CLI's arguments into simulator options and scenarios, naming the flag at fault on error. */
const parseCliOptions = async (args: readonly string[]): Promise<CliOptions> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        scenario: { type: 'string' },
        port: { type: 'string' },
        seed: { type: 'string' },
        'time-scale': { type: 'string' },
        throttle: { type: 'string' },
        'server-errors': { type: 'string' },
        drop: { type: 'string' },
        latency: { type: 'string' },
        deny: { type: 'string', multiple: true },
        'rate-limit': { type: 'string', multiple: true },
        'expired-credentials': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new SimulatorCliError(`${(error as Error).message}\n\n${USAGE}`, { cause: error });
  }
  if (values.help === true) {
    return { help: true, simulator: {}, world: { pipelines: [] } };
  }
  if (values.scenario === undefined) {
    throw new SimulatorCliError(`--scenario is required: a JSON file with the pipeline scenario(s) to serve.\n\n${USAGE}`);
  }
  let latencyMs: readonly [number, number] | undefined;
  if (values.latency !== undefined) {
    const [min, max] = values.latency.split(',').map(Number);
    if (min === undefined || max === undefined || !(min >= 0) || !(max >= min)) {
      throw new SimulatorCliError(`--latency expects MIN,MAX milliseconds with 0 ≤ MIN ≤ MAX, got "${values.latency}".`);
    }
    latencyMs = [min, max];
  }
  const throttleRate = rate('throttle', values.throttle);
  const serverErrorRate = rate('server-errors', values['server-errors']);
  const dropRate = rate('drop', values.drop);
  const limits = rateLimits(values['rate-limit']);
  const faults: FaultSpec = {
    ...(throttleRate === undefined ? {} : { throttleRate }),
    ...(serverErrorRate === undefined ? {} : { serverErrorRate }),
    ...(dropRate === undefined ? {} : { dropRate }),
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(values.deny === undefined ? {} : { deny: values.deny }),
    ...(values['expired-credentials'] === true ? { expiredCredentials: true } : {}),
    ...(limits === undefined ? {} : { rateLimits: limits }),
  };
  const port = positive('port', values.port, true);
  const seed = positive('seed', values.seed, true);
  const timeScale = positive('time-scale', values['time-scale'], false);
  if (timeScale === 0) {
    throw new SimulatorCliError('--time-scale must be greater than 0.');
  }
  return {
    help: false,
    simulator: {
      faults,
      ...(port === undefined ? {} : { port }),
      ...(seed === undefined ? {} : { seed }),
      ...(timeScale === undefined ? {} : { timeScale }),
    },
    world: await loadWorld(values.scenario),
  };
};

export { parseCliOptions, USAGE };
