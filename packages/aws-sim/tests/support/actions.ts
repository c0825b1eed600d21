import type { ActionView, ExecutionView, Simulator } from '../../src/index.js';

/** The named action of an execution view, if it has started. */
const actionOf = (execution: ExecutionView | undefined, actionName: string): ActionView | undefined =>
  execution?.actions.find((action) => action.actionName === actionName);

/** The named action of the pipeline's first live execution, once it has started. */
const startedAction = (sim: Simulator, pipelineName: string, actionName: string): ActionView | undefined =>
  actionOf(sim.executions(pipelineName)[0], actionName);

export { actionOf, startedAction };
