import type { ActionRun } from './action-tracker.js';
import { durationBetween, formatDuration, formatTime } from './format.js';
import { codeBlock, inlineCode, inlineText, link } from './markdown.js';
import { cancelSentences } from './cancel-report.js';
import { outcomes, outcomeRow } from './outcome.js';
import { failureMessage, type ExecutionReport } from './report.js';
import { isEcsDeployAction } from './action-kinds.js';
import { deploymentGantt, deploymentSection, type DeploymentView } from './deployment-summary.js';
import type { DeploymentStory } from './deployment-story.js';
import { ganttBar, ganttText, STATUS_ICONS, statusMark } from './gantt.js';
import { serviceDeploymentStory } from './service-deployment.js';

/** GitHub drops a step summary over 1 MiB whole; this keeps ours well under it, whatever AWS sends. */
const MAX_SUMMARY_BYTES = 256 * 1024;

/** Every summary, of an outcome or of an error, opens with the pipeline's name and what became of it. */
const heading = (pipelineName: string, outcome: string): string => `## Pipeline ${inlineCode(pipelineName)}${outcome}`;

const actionRow = (stageName: string, actionName: string, run: ActionRun | undefined): string => {
  if (run === undefined) return `| ${inlineText(stageName)} | ${inlineText(actionName)} | not run | | | |`;
  const took = durationBetween(run.startTime, run.endTime);
  return [
    '',
    inlineText(stageName),
    inlineText(actionName),
    `${STATUS_ICONS[run.status] ?? ''} ${inlineText(run.status)}`,
    formatTime(run.startTime),
    took === undefined ? '' : formatDuration(took),
    run.externalUrl === undefined ? '' : link(run.externalId ?? 'details', run.externalUrl),
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

const failureSection = (report: ExecutionReport, withBuildLog: boolean): string[] => {
  const message = failureMessage(report);
  if (report.outcome !== outcomes.Failed && message === undefined) return [];
  const run = report.failedRun;
  const where = run === undefined ? 'Execution' : inlineText(`${run.stageName} › ${run.actionName}`);
  const lines = ['### Failure', '', `**${where}**: ${inlineText(message ?? 'no details')}`];
  const log = report.buildLog;
  if (withBuildLog && log !== undefined && log.lines.length > 0) {
    lines.push('', `<details open><summary>Last ${log.lines.length} lines of the build log</summary>`, '', ...codeBlock(log.lines), '', '</details>');
  } else if (log !== undefined && log.lines.length > 0) {
    lines.push('', `_The build log (${log.lines.length} lines) is left out: the summary would exceed its size limit. It is in this step's log._`);
  } else if (log?.note !== undefined) {
    lines.push('', `_${inlineText(log.note)}_`);
  }
  const hook = report.hookFailure;
  if (hook !== undefined && hook.failedChecks.length > 0) {
    lines.push('', `Failed checks of ${inlineText(hook.functionName)} (from ${inlineCode(hook.logGroup)}):`, '');
    lines.push(...hook.failedChecks.map((check) => `- **${inlineText(check.name)}**: ${inlineText(check.reason)}`));
  }
  return lines;
};

/** What cancelling did to the execution and its deployment (after a workflow cancellation only). */
const cancellationSection = (report: ExecutionReport): string[] =>
  report.cancellation === undefined
    ? []
    : [
        `### On cancel (${inlineCode(`on-cancel: ${report.cancellation.onCancel}`)})`,
        '',
        ...cancelSentences(report.cancellation, false).map((sentence) => `- ${inlineText(sentence)}`),
        '',
      ];

/** The deployment the execution ran, as the summary shows it: the CodeDeploy one, or the ECS native one. */
const deploymentView = (report: ExecutionReport): DeploymentView | undefined => {
  const endedEarly = outcomeRow(report.outcome).endedEarly;
  const failureReason = report.hookFailure?.reason ?? report.failedRun?.errorMessage;
  const facts = report.serviceDeployment;
  if (facts !== undefined && facts.stages.length > 0) {
    const endedAt = report.runs.filter((run) => isEcsDeployAction(run.provider)).at(-1)?.endTime;
    return {
      title: `Service deployment ${inlineText(facts.serviceDeploymentArn)}`,
      story: { ...serviceDeploymentStory(facts, endedAt), hookChecks: undefined },
      endedEarly,
      failureReason: facts.statusReason ?? failureReason,
      extra: [`Status **${inlineText(facts.status ?? 'unknown')}**${facts.statusReason === undefined ? '' : `: ${inlineText(facts.statusReason)}`}`, ''],
    };
  }
  if (report.deploymentStory === undefined) return undefined;
  return { title: `Deployment ${inlineCode(report.deploymentId ?? '')}`, story: report.deploymentStory, endedEarly, failureReason, extra: [] };
};

const timeline = (report: ExecutionReport, story: DeploymentStory | undefined): string[] => {
  const runs = report.runs.filter((run) => run.startTime !== undefined);
  if (runs.length === 0) return [];
  const lines = ['### Timeline', '', '```mermaid', 'gantt', '  dateFormat x', '  axisFormat %H:%M:%S'];
  let stage: string | undefined;
  runs.forEach((run, index) => {
    if (run.stageName !== stage) {
      stage = run.stageName;
      lines.push(`  section ${ganttText(stage)}`);
    }
    const start = run.startTime?.getTime() ?? 0;
    // A running action is drawn up to its last update.
    lines.push(ganttBar(statusMark(run.status), run.actionName, run.status, `a${index}`, start, run.endTime?.getTime() ?? start));
  });
  lines.push(...deploymentGantt(story), '```');
  return lines;
};

const render = (report: ExecutionReport, complete: boolean): string => {
  const deployment = deploymentView(report);
  const latest = (stageName: string, actionName: string): ActionRun | undefined =>
    report.runs.filter((run) => run.stageName === stageName && run.actionName === actionName).at(-1);
  const facts = [
    `Execution ${link(report.executionId, report.executionUrl)}`,
    `status **${inlineText(report.status)}**`,
    inlineText(report.region),
    formatDuration(report.durationMs),
  ];
  if (report.deploymentId !== undefined) facts.push(`deployment ${inlineCode(report.deploymentId)}`);
  if (report.supersededBy !== undefined) {
    facts.push(`superseded by ${inlineCode(report.supersededBy.executionId)} (${inlineText(report.supersededBy.status)})`);
  }
  return [
    heading(report.pipelineName, ` ${outcomeRow(report.outcome).headline}`),
    '',
    facts.join(' · '),
    '',
    ...actionsTable(report, latest),
    '',
    ...(deployment === undefined ? [] : deploymentSection(deployment)),
    ...cancellationSection(report),
    ...failureSection(report, complete),
    '',
    ...(complete ? timeline(report, deployment?.story) : ['_The timeline is left out: the summary would exceed its size limit._']),
    '',
  ].join('\n');
};

/** As a last resort the text is cut, on a character boundary, saying so. */
const bounded = (text: string): string => {
  if (Buffer.byteLength(text) <= MAX_SUMMARY_BYTES) return text;
  const note = '\n\n_The summary is cut here: it would exceed its size limit._\n';
  return `${Buffer.from(text).subarray(0, MAX_SUMMARY_BYTES - note.length).toString('utf8').replace(/\uFFFD$/, '')}${note}`;
};

/**
 * The job summary: outcome, every action with status, duration and link, the deployment's phases, traffic and
 * hook checks, failure details and a timeline of both. Each
 * external line is cut at 2,000 characters; if the whole would still pass MAX_SUMMARY_BYTES, the build log and
 * the timeline give way (saying so), and as a last resort the text is cut.
 */
const renderSummary = (report: ExecutionReport): string => {
  const complete = render(report, true);
  return Buffer.byteLength(complete) <= MAX_SUMMARY_BYTES ? complete : bounded(render(report, false));
};

/** The summary of a run that ended in an error rather than an execution outcome (inlineText bounds its text). */
const renderErrorSummary = (pipelineName: string, title: string, message: string): string =>
  `${heading(pipelineName, `: ❌ ${inlineText(title)}`)}\n\n${inlineText(message)}\n`;

export { MAX_SUMMARY_BYTES, renderErrorSummary, renderSummary };
