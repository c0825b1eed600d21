import { request as httpRequest } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { TargetHealthError } from './errors.js';

interface HealthCheckOptions {
  readonly port: number;
  /** The target group's health check path (examples/complete: /health). */
  readonly path: string;
  /** Consecutive 200s before the target counts as healthy (the ALB's healthy threshold). */
  readonly healthyThreshold: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

const probe = (port: number, path: string, timeoutMs: number): Promise<boolean> =>
  new Promise((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, timeout: timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode === 200));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(false));
    request.end();
  });

/**
 * Waits until the target answers the health check `healthyThreshold` times in a row, as an ALB target group
 * does before it routes to a new target: CodeDeploy moves test traffic only to a healthy task set.
 */
const waitUntilHealthy = async (options: HealthCheckOptions): Promise<void> => {
  const deadline = Date.now() + options.timeoutMs;
  let consecutive = 0;
  while (consecutive < options.healthyThreshold) {
    if (Date.now() > deadline) {
      throw new TargetHealthError(
        `the target on port ${options.port} did not pass GET ${options.path} ${options.healthyThreshold} times in a row ` +
          `within ${options.timeoutMs} ms; check that the app starts and answers 200 there`,
      );
    }
    consecutive = (await probe(options.port, options.path, options.intervalMs)) ? consecutive + 1 : 0;
    if (consecutive < options.healthyThreshold) await delay(options.intervalMs);
  }
};

export { waitUntilHealthy };
export type { HealthCheckOptions };
