export { runAction, startAction } from './action-runner.js';
export type { ActionRunOptions, ActionRunResult, RunningAction } from './action-runner.js';
export { parseFileCommands } from './file-commands.js';
export { node24Path } from './node24.js';
export { parseWorkflowCommands } from './workflow-commands.js';
export type { WorkflowCommand } from './workflow-commands.js';
