import { SimClock } from '@greenlight/aws-sim';
import { artifactPath, ARTIFACTS } from './artifacts.js';
import { parseDeploymentConfig, type DeploymentConfig } from './deployment-config.js';
import { DEFAULT_FAULTS, type FaultSettings } from './fault-options.js';
import type { RehearsalOptions } from './rehearsal-options.js';
import { findScenario, type Scenario } from './scenarios.js';

const DEFAULTS = { speed: 60, seed: 1, ratePerSecond: 50, terminationWaitMinutes: 5 } as const;
// Simulated durations of the stack's steps; the deployment's own waits come from its configuration.
const TIMINGS = { sourceSeconds: 5, buildSeconds: 90, eventSeconds: 10, hookTimeoutMinutes: 60 } as const;

/** One rehearsal's options with every default applied, and the artifacts it runs, found before anything starts. */
interface RehearsalSettings {
  readonly scenario: Scenario;
  readonly deploymentConfig: DeploymentConfig;
  readonly speed: number;
  readonly seed: number;
  readonly faults: FaultSettings | undefined;
  readonly ratePerSecond: number;
  readonly terminationWaitMinutes: number;
  readonly actionEntry: string;
  readonly actionManifest: string;
  readonly hookZip: string;
  /** `1 / speed` real seconds per simulated second, for aws-sim and the deployment's waits alike. */
  readonly clock: SimClock;
}

const rehearsalSettings = (options: RehearsalOptions): RehearsalSettings => {
  const scenario = findScenario(options.scenario);
  const speed = options.speed ?? DEFAULTS.speed;
  return {
    scenario,
    deploymentConfig: parseDeploymentConfig(options.deploymentConfig ?? scenario.deploymentConfig),
    speed,
    seed: options.seed ?? DEFAULTS.seed,
    faults: options.faults ?? (scenario.faults ? DEFAULT_FAULTS : undefined),
    ratePerSecond: options.ratePerSecond ?? DEFAULTS.ratePerSecond,
    terminationWaitMinutes: options.terminationWaitMinutes ?? DEFAULTS.terminationWaitMinutes,
    actionEntry: artifactPath(ARTIFACTS.actionEntry, options.actionEntry),
    actionManifest: artifactPath(ARTIFACTS.actionManifest),
    hookZip: artifactPath(ARTIFACTS.hookZip, options.hookZip),
    clock: new SimClock(1 / speed),
  };
};

export { rehearsalSettings, TIMINGS };
export type { RehearsalSettings };
