import type { FaultSettings } from './fault-options.js';
import type { ScenarioName } from './scenarios.js';

interface RehearsalOptions {
  readonly scenario: ScenarioName;
  /** Overrides the scenario's deployment configuration. */
  readonly deploymentConfig?: string;
  /** Simulated seconds per real second (default 60). */
  readonly speed?: number;
  /** Seeds load-balancer routing and fault injection (default 1). */
  readonly seed?: number;
  /** Overrides the scenario's fault injection (the `faults` scenario uses DEFAULT_FAULTS). */
  readonly faults?: FaultSettings;
  /** Production requests per second (default 50). */
  readonly ratePerSecond?: number;
  /** Minutes blue keeps running after all production traffic moved (default 5). */
  readonly terminationWaitMinutes?: number;
  /** Receives every line of human-readable output; silent by default. */
  readonly print?: (line: string) => void;
  /** The action bundle to run (default: `@greenlight/pipeline-action/dist/index.js`). */
  readonly actionEntry?: string;
  /** The hook deployment package (default: `@greenlight/lifecycle-hooks/dist/lifecycle-hook.zip`). */
  readonly hookZip?: string;
}

export type { RehearsalOptions };
