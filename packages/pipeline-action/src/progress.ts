import { endGroup, startGroup } from '@actions/core';
import type { ActionEvent, ActionRun } from './action-tracker.js';
import { durationBetween, formatDuration, formatTime } from './format.js';
import { logLines } from './log.js';

const MARKS: Readonly<Record<string, string>> = { Succeeded: '✔', Failed: '✖', Abandoned: '⊘' };

const describeEvent = ({ kind, run }: ActionEvent): string => {
  const name = `${run.stageName} › ${run.actionName}`;
  const link = run.externalUrl === undefined ? '' : ` — ${run.externalUrl}`;
  if (kind === 'started') return `${formatTime(run.startTime)} ▶ ${name} started${link}`;
  const took = durationBetween(run.startTime, run.endTime);
  const duration = took === undefined ? '' : ` in ${formatDuration(took)}`;
  const error = run.errorMessage === undefined ? '' : `: ${run.errorMessage}`;
  return `${formatTime(run.endTime)} ${MARKS[run.status] ?? '•'} ${name} ${run.status}${duration}${error}${link}`;
};

/**
 * The live log: one line per action start and end, printed once as it happens, inside one collapsible group per
 * stage. Details (deployment lifecycle, build log tail) go into the group of the stage they belong to.
 */
class ProgressLog {
  #openStage: string | undefined;

  events(events: readonly ActionEvent[]): void {
    for (const event of events) this.line(event.run, describeEvent(event));
  }

  /** Prints a line under the stage of `run`. */
  line(run: Pick<ActionRun, 'stageName'>, text: string): void {
    this.lines(run, [text]);
  }

  /** Prints lines under the stage of `run`, as one block: a build log tail is neutralised once, not per line. */
  lines(run: Pick<ActionRun, 'stageName'>, texts: readonly string[]): void {
    if (texts.length === 0) return;
    if (this.#openStage !== run.stageName) {
      this.close();
      startGroup(`Stage ${run.stageName}`);
      this.#openStage = run.stageName;
    }
    logLines(texts);
  }

  close(): void {
    if (this.#openStage === undefined) return;
    endGroup();
    this.#openStage = undefined;
  }
}

export { ProgressLog };
