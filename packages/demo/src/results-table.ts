import { versionsText } from './progress-format.js';
import type { RehearsalResult } from './rehearsal-outcome.js';
import { EXPECTED_OUTCOME } from './scenarios.js';

const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)];
};

const BAR_WIDTH = 40;

/** Which version answered over time, one bar per bucket: ░ blue (v1), █ green (v2), ✖ failed. */
const timelineLines = (result: RehearsalResult): string[] =>
  result.load.buckets.map((bucket) => {
    const share = (count: number): number => (bucket.sent === 0 ? 0 : Math.round((count / bucket.sent) * BAR_WIDTH));
    const failed = share(bucket.failed);
    const green = Math.min(BAR_WIDTH - failed, share(bucket.versions['v2'] ?? 0));
    const bar = `${'░'.repeat(BAR_WIDTH - failed - green)}${'█'.repeat(green)}${'✖'.repeat(failed)}`;
    return `${`${(bucket.startMs / 1000).toFixed(0)} s`.padStart(6)}  ${bar}  ${bucket.sent} sent, ${bucket.failed} failed, ${versionsText(bucket.versions)}`;
  });

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const expectation = {
  [EXPECTED_OUTCOME.Release]: 'v2 released with no failed production request',
  [EXPECTED_OUTCOME.Rollback]: 'the hook failed green and the deployment rolled back before production saw v2 (this is the expected outcome)',
  [EXPECTED_OUTCOME.Stopped]:
    'the cancelled workflow rolled the deployment back to v1 (StopDeployment) and stopped the pipeline (this is the expected outcome)',
  [EXPECTED_OUTCOME.ReleasedAfterStop]:
    'the cancelled workflow stopped the pipeline (on-cancel: stop) and the deployment completed with v2 live (this is the expected outcome)',
} as const;

/** The closing report: requests per phase and at the cutover, the outcome of each part, and the timings. */
const resultLines = (result: RehearsalResult): string[] => {
  const phaseRows = result.load.phases.map((phase) => [
    phase.phase,
    String(phase.sent),
    String(phase.failed),
    versionsText(phase.versions),
  ]);
  const totals = [
    ['cutover (test shift → end)', String(result.cutover.sent), String(result.cutover.failed), versionsText(result.cutover.versions)],
    ['all production requests', String(result.load.sent), String(result.load.failed), versionsText(result.load.versions)],
  ];
  const lines = table(['phase', 'sent', 'failed', 'answered by'], [...phaseRows, ...totals]);
  const facts: [string, string][] = [
    ['action', `exit ${result.action.main.exitCode ?? `signal ${result.action.main.signal}`}${result.action.post === undefined ? '' : `, post step exit ${result.action.post.exitCode}`}`],
    ['pipeline', result.pipelineStatus ?? 'not started'],
    ['deployment', `${result.deploymentView?.status ?? 'not started'}${result.deploymentView?.rolledBack === true ? ' (rolled back)' : ''}`],
    ['hook', result.deployment.hookStatus === undefined ? 'not run' : `${result.deployment.hookStatus}${result.deployment.hookReason === undefined ? '' : `: ${result.deployment.hookReason}`}`],
    ['hook report → green', result.hookToGreenMs === undefined ? 'n/a (green never served production)' : `${result.hookToGreenMs} ms to the first production response from green`],
    [
      'action saw the end',
      result.deploymentEndedAt === undefined
        ? 'n/a'
        : `${seconds(result.actionEndedAt - result.deploymentEndedAt)} after the deployment ended (the action's end detection)`,
    ],
    [
      'load generator',
      `${result.load.sent} requests in ${seconds(result.load.durationMs)}` +
        (result.load.skipped === 0 ? '' : `, ${result.load.skipped} ticks skipped while the in-flight limit was reached`),
    ],
    ['AWS calls', `${result.awsCalls.total} (${result.awsCalls.faulted} answered with an injected fault)`],
    ['wall time', seconds(result.wallTimeMs)],
  ];
  const verdict = result.expectedOutcomeMet
    ? `✔ expected outcome: ${expectation[result.scenario.expected]}`
    : `✘ expected ${expectation[result.scenario.expected]}, but:\n${result.problems.map((problem) => `    - ${problem}`).join('\n')}`;
  return [
    'production answers over time: ░ blue (v1)  █ green (v2)  ✖ failed',
    ...timelineLines(result),
    '',
    ...lines,
    '',
    ...facts.map(([name, value]) => `${name.padEnd(22)}${value}`),
    '',
    verdict,
  ];
};

export { resultLines };
