import type { ActionScenario, StageScenario } from '../scenario.js';

const DEFAULT_DURATION_SECONDS = 10;

/** Scenario seconds an action takes: its duration in `durations` (a historical execution's), else the scenario's. */
const actionSeconds = (action: ActionScenario, durations: Readonly<Record<string, number>> = {}): number =>
  durations[action.name] ?? action.durationSeconds ?? DEFAULT_DURATION_SECONDS;

/** Groups a stage's actions by runOrder: groups run one after another, the actions of a group in parallel. */
const runOrderGroups = (stage: StageScenario): ActionScenario[][] => {
  const byOrder = new Map<number, ActionScenario[]>();
  for (const action of stage.actions) {
    const order = action.runOrder ?? 1;
    byOrder.set(order, [...(byOrder.get(order) ?? []), action]);
  }
  return [...byOrder.entries()].sort(([a], [b]) => a - b).map(([, actions]) => actions);
};

const stageDurationSeconds = (stage: StageScenario, durations: Readonly<Record<string, number>> = {}): number =>
  runOrderGroups(stage).reduce((total, group) => total + Math.max(...group.map((action) => actionSeconds(action, durations))), 0);

export { actionSeconds, runOrderGroups, stageDurationSeconds };
