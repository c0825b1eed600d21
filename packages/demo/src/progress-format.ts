import type { DeploymentProgress } from './blue-green-deployment.js';
import type { Tally } from './load-generator.js';
import type { TrafficWeights } from './weights.js';

const weightsText = (weights: TrafficWeights): string =>
  weights.green === 0 ? 'all blue (v1)' : weights.blue === 0 ? 'all green (v2)' : `${weights.blue}% blue · ${weights.green}% green`;

const versionsText = (versions: Readonly<Record<string, number>>): string =>
  Object.entries(versions)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([version, count]) => `${version} ${count}`)
    .join(' · ') || 'none';

const tallyText = (tally: Tally): string => `${tally.sent} sent, ${tally.failed} failed, answered by ${versionsText(tally.versions)}`;

/** The hook logs JSON for CloudWatch Logs Insights; the demo shows the fields a person reads. */
const hookLogText = (line: string): string => {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const fields = ['check', 'status', 'passed', 'requests', 'failures', 'p95Ms', 'reason']
      .filter((key) => entry[key] !== undefined)
      .map((key) => `${key}=${typeof entry[key] === 'string' ? entry[key] : JSON.stringify(entry[key])}`);
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    return [text(entry['level']), text(entry['message']), ...fields].filter(Boolean).join(' ');
  } catch {
    return line;
  }
};

/** One line for the user per deployment step, or undefined for steps that need no line. */
const progressText = (progress: DeploymentProgress): string | undefined => {
  switch (progress.kind) {
    case 'lifecycle':
      return progress.status === 'InProgress' ? `${progress.event} …` : undefined;
    case 'green-started':
      return `green task set (v2) started on 127.0.0.1:${progress.port}, healthy (GET /health) and registered in the green target group`;
    case 'test-traffic':
      return `test listener → ${weightsText(progress.weights)}`;
    case 'hook-invoked':
      return `invoking the hook Lambda (attempt ${progress.attempt}) with the real zip`;
    case 'hook-function-error':
      return `hook invocation ${progress.attempt} ended in a function error: ${progress.error}`;
    case 'hook-log':
      return `  hook   │ ${hookLogText(progress.line)}`;
    case 'hook-reported':
      return `hook reported ${progress.status}${progress.reason === undefined ? '' : `: ${progress.reason}`}`;
    case 'production-traffic':
      return `production listener → ${weightsText(progress.weights)}${progress.holdMinutes > 0 ? `, held ${progress.holdMinutes} min (simulated)` : ''}`;
    case 'termination-wait':
      return `termination wait: blue keeps running ${progress.minutes} min (simulated) for an instant rollback`;
    case 'rollback':
      return `ROLLBACK: ${progress.reason}`;
    case 'stopped-in-place':
      return 'deployment stopped without rollback (StopDeployment): traffic stays where it is';
    case 'task-set-stopped':
      return `${progress.label} task set drained (no request in flight) and stopped`;
    case 'deployment-ended':
      return `deployment ${progress.status}`;
  }
};

export { progressText, tallyText, versionsText, weightsText };
