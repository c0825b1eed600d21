import type { DeploymentPhase, DeploymentStory, HookCheck, TrafficStep } from './deployment-story.js';
import { durationBetween, formatDuration, formatTime } from './format.js';
import { ganttBar, ganttText, statusMark, STATUS_ICONS } from './gantt.js';
import { inlineText } from './markdown.js';

/** What the summary knows of one deployment, beyond the story itself. */
interface DeploymentView {
  /** The section's heading, Markdown already. */
  readonly title: string;
  readonly story: DeploymentStory;
  /** Why the step stopped following before the deployment ended (timeout, cancel); undefined when it did not. */
  readonly endedEarly: string | undefined;
  /** Why the deployment failed, when it did (untrusted text). */
  readonly failureReason: string | undefined;
  /** Lines shown under the overview, Markdown already (the ECS status line). */
  readonly extra: readonly string[];
}

const TRAFFIC_MARK = '🔀';

const split = (step: TrafficStep): string => step.weights.map((weight) => `${weight.target} ${weight.weight}%`).join(' · ');

const latency = (ms: number | undefined): string => (ms === undefined ? '' : `${Math.round(ms)} ms`);

const figure = (value: number | undefined): string => (value === undefined ? '' : String(value));

const current = (phase: DeploymentPhase, view: DeploymentView): boolean => view.endedEarly !== undefined && phase.status === 'InProgress';

const phaseRow = (phase: DeploymentPhase, view: DeploymentView): string => {
  const took = durationBetween(phase.start, phase.end);
  const status = `${STATUS_ICONS[phase.status] ?? ''} ${inlineText(phase.status)}${current(phase, view) ? ` ⏸ **current** (the step ended: ${inlineText(view.endedEarly ?? '')})` : ''}`;
  return `| ${inlineText(phase.name)} | ${formatTime(phase.start)} | ${phase.end === undefined ? '' : formatTime(phase.end)} | ${took === undefined ? '' : formatDuration(took)} | ${status} |`;
};

const checkRow = (check: HookCheck): string =>
  [
    '',
    inlineText(check.hook),
    inlineText(check.name),
    figure(check.requests),
    figure(check.failures),
    latency(check.p50Ms),
    latency(check.p95Ms),
    latency(check.maxMs),
    `${check.passed ? '✅ passed' : '❌ failed'}${check.reason === undefined ? '' : `: ${inlineText(check.reason)}`}`,
    '',
  ]
    .join(' | ')
    .trim();

/** A collapsible block; GitHub renders Markdown inside it only after a blank line. */
const details = (summary: string, body: readonly string[], open: boolean): string[] => [
  `<details${open ? ' open' : ''}><summary>${summary}</summary>`,
  '',
  ...body,
  '',
  '</details>',
  '',
];

/** A split by the targets that receive traffic: `Blue 0% · Green 100%` and `Green 100%` send it the same way. */
const served = (step: TrafficStep): string => split({ ...step, weights: step.weights.filter((weight) => weight.weight > 0) });

/** The production splits in the order seen, a split counted once however often it was seen in a row. */
const productionMoves = (story: DeploymentStory): TrafficStep[] => {
  const moves: TrafficStep[] = [];
  for (const step of story.traffic.filter((candidate) => candidate.listener === 'production')) {
    const previous = moves.at(-1);
    if (previous === undefined || served(previous) !== served(step)) moves.push(step);
  }
  return moves;
};

/** `Blue 100% → Blue 90% · Green 10% at 10:00:12 → Green 100% at 10:05:14`: the first split is where it started. */
const productionLine = (moves: readonly TrafficStep[]): string =>
  moves.map((step, index) => `${inlineText(served(step))}${index === 0 && moves.length > 1 ? '' : ` at ${formatTime(step.at)}`}`).join(' → ');

/** The one-line answers: when production moved, and what the hook found. */
const overview = (story: DeploymentStory): string[] => {
  const production = productionMoves(story);
  const test = story.traffic.find((step) => step.listener === 'test');
  const parts = [
    test === undefined ? undefined : `test traffic to ${inlineText(split(test))} at ${formatTime(test.at)}`,
    production.length === 0 ? undefined : `production ${productionLine(production)}`,
  ].filter((part) => part !== undefined);
  const checks = story.hookChecks?.checks ?? [];
  const failed = checks.filter((check) => !check.passed);
  if (checks.length > 0) parts.push(failed.length === 0 ? `hook: ${checks.length} checks passed` : `hook: ${failed.length} of ${checks.length} checks failed`);
  return parts.length === 0 ? [] : [`Traffic: ${parts.join(' · ')}`, ''];
};

/** Which phase failed, why, and where production traffic was last seen afterwards (a rollback moves it back to blue). */
const failure = (view: DeploymentView): string[] => {
  const phase = view.story.phases.find((candidate) => candidate.status === 'Failed');
  if (phase === undefined) return [];
  const reason = view.failureReason === undefined ? '' : `: ${inlineText(view.failureReason)}`;
  const after = phase.start?.getTime() ?? 0;
  const last = view.story.traffic.filter((step) => step.listener === 'production' && step.at.getTime() >= after).at(-1);
  const rollback = last === undefined
    ? 'Rollback: no change of production traffic was seen after the failure.'
    : `Rollback: production traffic on ${inlineText(split(last))} at ${formatTime(last.at)}.`;
  return [`**Failed at ${inlineText(phase.name)}**${reason}`, '', rollback, ''];
};

/**
 * The deployment's section of the job summary: an overview (traffic moves, the hook's verdict, the failed phase
 * and the rollback), then the phases, the traffic changes and the hook's checks in collapsible blocks (open when a
 * check failed). All AWS and hook text is escaped.
 */
const deploymentSection = (view: DeploymentView): string[] => {
  const { phases, traffic, hookChecks } = view.story;
  const checks = hookChecks?.checks ?? [];
  const lines = [`### ${view.title}`, '', ...overview(view.story), ...failure(view), ...view.extra];
  if (phases.length > 0) {
    lines.push(
      ...details(`Phases (${phases.length})`, ['| Phase | Started (UTC) | Ended (UTC) | Duration | Status |', '|---|---|---|---|---|', ...phases.map((phase) => phaseRow(phase, view))], false),
    );
  }
  if (traffic.length > 0) {
    const rows = traffic.map((step) => `| ${formatTime(step.at)} | ${step.listener} | ${inlineText(split(step))} |`);
    lines.push(...details(`Traffic (${traffic.length} changes seen)`, ['| Seen (UTC) | Listener | Weights |', '|---|---|---|', ...rows], false));
  }
  if (checks.length > 0) {
    const failed = checks.filter((check) => !check.passed).length;
    lines.push(
      ...details(
        `Hook checks (${checks.length}, ${failed} failed)`,
        ['| Hook | Check | Requests | Failures | p50 | p95 | max | Result |', '|---|---|---|---|---|---|---|---|', ...checks.map(checkRow)],
        failed > 0,
      ),
    );
  }
  if (hookChecks?.note !== undefined) lines.push(`_${inlineText(hookChecks.note)}_`, '');
  return lines;
};

/**
 * The deployment's sections of the timeline: its phases, and each traffic change as a one-second bar. Mermaid's
 * comment marker is '%%', so a weight's percent sign is the full-width one.
 */
const deploymentGantt = (story: DeploymentStory | undefined): string[] => {
  if (story === undefined) return [];
  const phases = story.phases.filter((phase) => phase.start !== undefined);
  const lines: string[] = [];
  if (phases.length > 0) lines.push('  section Deployment');
  phases.forEach((phase, index) => {
    const start = phase.start?.getTime() ?? 0;
    lines.push(ganttBar(statusMark(phase.status), phase.name, phase.status, `p${index}`, start, phase.end?.getTime() ?? start));
  });
  if (story.traffic.length > 0) lines.push('  section Traffic');
  story.traffic.forEach((step, index) => {
    const name = `${step.listener} ${step.weights.map((weight) => `${ganttText(weight.target)} ${weight.weight}％`).join(' · ')}`;
    lines.push(ganttBar(TRAFFIC_MARK, name, 'Succeeded', `t${index}`, step.at.getTime(), step.at.getTime()));
  });
  return lines;
};

export { deploymentGantt, deploymentSection };
export type { DeploymentView };
