import { type ActionRunOptions, type ActionRunResult, type RunningAction, runAction, startAction } from './action-runner.js';
import { ActionExitedError } from './errors.js';
import { parseFileCommands } from './file-commands.js';
import { node24Path } from './node24.js';
import { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

export {
  ActionExitedError,
  type ActionRunOptions,
  type ActionRunResult,
  node24Path,
  parseFileCommands,
  parseWorkflowCommands,
  runAction,
  type RunningAction,
  startAction,
  type WorkflowCommand,
};
