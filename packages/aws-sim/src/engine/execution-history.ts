import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';
import type { HistoricalExecution, PipelineScenario } from '../scenario.js';
import { ACTION_STATUS, newExecutionRecord, type ExecutionRecord } from './execution-record.js';
import { actionSeconds, runOrderGroups, stageDurationSeconds } from './run-order.js';

/**
 * A past execution of `scenario` that ended `endedSecondsAgo` (default one hour apart each, by `index`): every
 * action took its scripted duration, and a Failed, Stopped or Superseded one ended at the pipeline's last action.
 */
const historicalExecution = (
  scenario: PipelineScenario,
  past: HistoricalExecution,
  index: number,
  clock: SimClock,
  random: SeededRandom,
): ExecutionRecord => {
  const status = past.status ?? 'Succeeded';
  const durations = past.actionDurations;
  const endMs = clock.nowMs() - clock.realMs(past.endedSecondsAgo ?? 3600 * (index + 1));
  const totalSeconds = scenario.stages.reduce((total, stage) => total + stageDurationSeconds(stage, durations), 0);
  let cursor = endMs - clock.realMs(totalSeconds);
  const execution = newExecutionRecord(scenario, random.uuid(), {
    startTime: new Date(cursor),
    variables: (scenario.variables ?? []).map((variable) => ({ name: variable.name, resolvedValue: variable.defaultValue ?? '' })),
    sourceRevisions: [],
    trigger: { triggerType: 'WebhookV2', triggerDetail: 'A commit was pushed.' },
    historical: true,
    status,
    lastUpdateTime: new Date(endMs),
    endTime: new Date(endMs),
  });
  const lastAction = scenario.stages.at(-1)?.actions.at(-1)?.name;
  for (const stage of scenario.stages) {
    for (const group of runOrderGroups(stage)) {
      let longest = 0;
      for (const action of group) {
        const seconds = actionSeconds(action, durations);
        longest = Math.max(longest, seconds);
        const failedHere = status !== 'Succeeded' && action.name === lastAction;
        execution.actions.push({
          actionExecutionId: random.uuid(),
          pipelineExecutionId: execution.pipelineExecutionId,
          stageName: stage.name,
          action,
          status: failedHere ? (status === 'Failed' ? ACTION_STATUS.Failed : ACTION_STATUS.Abandoned) : ACTION_STATUS.Succeeded,
          startTime: new Date(cursor),
          lastUpdateTime: new Date(cursor + clock.realMs(seconds)),
          ...(failedHere && status === 'Failed' ? { errorDetails: { code: 'JobFailed', message: `Action ${action.name} failed.` } } : {}),
        });
      }
      cursor += clock.realMs(longest);
    }
    execution.stages.set(stage.name, status === 'Succeeded' || stage !== scenario.stages.at(-1) ? 'Succeeded' : status);
  }
  return execution;
};

export { historicalExecution };
