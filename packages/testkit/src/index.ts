import { type StepRunOptions, type StepRunResult, type RunningStep, runStep, startStep } from './step-runner.js';
import { StepExitedError } from './errors.js';
import { parseFileCommands } from './file-commands.js';
import { node24Path } from './node24.js';
import { parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

export {
  StepExitedError,
  type StepRunOptions,
  type StepRunResult,
  node24Path,
  parseFileCommands,
  parseWorkflowCommands,
  runStep,
  type RunningStep,
  startStep,
  type WorkflowCommand,
};
