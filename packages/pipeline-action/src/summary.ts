import type { ActionRun } from './action-tracker.js';
import { durationBetween, formatDuration, formatTime } from './format.js';
import { failureMessage, Outcome, type ExecutionReport } from './report.js';

const Headlines: Readonly<Record<Outcome, string>> = {
  [Outcome.Succeeded]: '✅ succeeded',
  [Outcome.Failed]: '❌ failed',
  [Outcome.Stopped]: '⏹️ was stopped',
  [Outcome.Cancelled]: '🚫 was cancelled',
  [Outcome.Superseded]: '⏭️ was superseded',
  [Outcome.TimedOut]: '⏱️ is still running (timeout reached)',
  [Outcome.Started]: '▶️ started',
  [Outcome.StopRequested]: '⏹️ stop requested (workflow cancelled)',
  [Outcome.LeftRunning]: '🔄 left running (workflow cancelled)',
};

const StatusIcons: Readonly<Record<string, string>> = {
  Succeeded: '✅',
  Failed: '❌',
  InProgress: '🔄',
  Abandoned: '⊘',
};

// Table cells: a pipe would split the cell, a newline would end the row.
const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');

// Mermaid gantt task names may not contain ':' or ';' or '#'.
const ganttName = (text: string): string => text.replaceAll(/[:;#]/g, ' ');

const actionRow = (stageName: string, actionName: string, run: ActionRun | undefined): string => {
  if (run === undefined) return `| ${cell(stageName)} | ${cell(actionName)} | not run | | | |`;
  const took = durationBetween(run.startTime, run.endTime);
  const link = run.externalUrl === undefined ? '' : `[${cell(run.externalId ?? 'details')}](${run.externalUrl})`;
  return [
    '',
    cell(stageName),
    cell(actionName),
    `${StatusIcons[run.status] ?? ''} ${run.status}`,
    formatTime(run.startTime),
    took === undefined ? '' : formatDuration(took),
    link,
    '',
  ]
    .join(' | ')
    .trim();
};

const actionsTable = (report: ExecutionReport, latest: (stage: string, action: string) => ActionRun | undefined): string[] => {
  const planned = report.stages.flatMap((stage) => stage.actions);
  const rows =
    planned.length > 0
      ? planned.map((action) => actionRow(action.stageName, action.actionName, latest(action.stageName, action.actionName)))
      : report.runs.map((run) => actionRow(run.stageName, run.actionName, run));
  return ['| Stage | Action | Status | Started (UTC) | Duration | Link |', '|---|---|---|---|---|---|', ...rows];
};

const failureSection = (report: ExecutionReport): string[] => {
  const message = failureMessage(report);
  if (report.outcome !== Outcome.Failed && message === undefined) return [];
  const run = report.failedRun;
  const lines = ['### Failure', '', `**${run === undefined ? 'Execution' : cell(`${run.stageName} › ${run.actionName}`)}**: ${message ?? 'no details'}`];
  const log = report.buildLog;
  if (log !== undefined && log.lines.length > 0) {
    lines.push('', `<details open><summary>Last ${log.lines.length} lines of the build log</summary>`, '', '```text', ...log.lines, '```', '', '</details>');
  } else if (log?.note !== undefined) {
    lines.push('', `_${log.note}_`);
  }
  const hook = report.hookFailure;
  if (hook !== undefined && hook.failedChecks.length > 0) {
    lines.push('', `Failed checks of ${cell(hook.functionName)} (from \`${hook.logGroup}\`):`, '');
    lines.push(...hook.failedChecks.map((check) => `- **${cell(check.name)}**: ${cell(check.reason)}`));
  }
  return lines;
};

const timeline = (report: ExecutionReport): string[] => {
  const runs = report.runs.filter((run) => run.startTime !== undefined);
  if (runs.length === 0) return [];
  const lines = ['### Timeline', '', '```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S'];
  let stage: string | undefined;
  runs.forEach((run, index) => {
    if (run.stageName !== stage) {
      stage = run.stageName;
      lines.push(`  section ${ganttName(stage)}`);
    }
    const start = run.startTime?.getTime() ?? 0;
    // A running action is drawn up to its last update; a zero-length bar would not render.
    const end = Math.max(run.endTime?.getTime() ?? start, start + 1000);
    const tag = run.status === 'Failed' ? 'crit, ' : run.status === 'InProgress' ? 'active, ' : 'done, ';
    lines.push(`  ${ganttName(run.actionName)} :${tag}a${index}, ${start}, ${end}`);
  });
  lines.push('```');
  return lines;
};

/** The job summary: outcome, every action with status, duration and link, failure details and a timeline. */
const renderSummary = (report: ExecutionReport): string => {
  const latest = (stageName: string, actionName: string): ActionRun | undefined =>
    report.runs.filter((run) => run.stageName === stageName && run.actionName === actionName).at(-1);
  const facts = [
    `Execution [\`${report.executionId}\`](${report.executionUrl})`,
    `status **${report.status}**`,
    report.region,
    formatDuration(report.durationMs),
  ];
  if (report.deploymentId !== undefined) facts.push(`deployment \`${report.deploymentId}\``);
  if (report.supersededBy !== undefined) {
    facts.push(`superseded by \`${report.supersededBy.executionId}\` (${report.supersededBy.status})`);
  }
  return [
    `## Pipeline \`${report.pipelineName}\` ${Headlines[report.outcome]}`,
    '',
    facts.join(' · '),
    '',
    ...actionsTable(report, latest),
    '',
    ...failureSection(report),
    '',
    ...timeline(report),
    '',
  ].join('\n');
};

export { renderSummary };
