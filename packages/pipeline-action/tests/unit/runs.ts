import type { ActionRun } from '../../src/action-tracker.js';
import { executionContext } from '../../src/execution-context.js';
import { outcomes } from '../../src/outcome.js';
import type { ExecutionReport } from '../../src/report.js';

/** A finished or running action run for report and summary tests. */
const actionRun = (overrides: Partial<ActionRun> & Pick<ActionRun, 'stageName' | 'actionName'>): ActionRun => ({
  actionExecutionId: `${overrides.stageName}-${overrides.actionName}`,
  provider: undefined,
  configuration: undefined,
  status: 'Succeeded',
  startTime: new Date('2026-11-26T10:00:00Z'),
  endTime: new Date('2026-11-26T10:00:42Z'),
  externalId: undefined,
  externalUrl: undefined,
  externalSummary: undefined,
  errorCode: undefined,
  errorMessage: undefined,
  ...overrides,
});

/** A failed execution's report with nothing else known, for summary and report tests to fill in. */
const executionReport = (overrides: Partial<ExecutionReport> = {}): ExecutionReport => ({
  ...executionContext('eu-west-1', 'app', '11111111-2222-3333-4444-555555555555'),
  outcome: outcomes.Failed,
  status: 'Failed',
  statusSummary: undefined,
  stages: [],
  runs: [],
  failedRun: undefined,
  buildLog: undefined,
  hookFailure: undefined,
  supersededBy: undefined,
  deploymentId: undefined,
  serviceDeployment: undefined,
  deploymentStory: undefined,
  cancellation: undefined,
  durationMs: 65_000,
  timeoutMinutes: 60,
  ...overrides,
});

export { actionRun, executionReport };
