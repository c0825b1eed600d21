import { ACTION_OUTCOME } from '../../scenario.js';
import type { ActionRun, ExecutionRecord } from '../execution-record.js';
import { actionSeconds } from '../run-order.js';
import { completeAction, type ActionRunner, type ActionServices } from './action-runner.js';

/**
 * What a source action (CodeStarSourceConnection) outputs: the revision the start pinned or a new commit id,
 * its `CommitId`, `BranchName`, `FullRepositoryId` and `ConnectionArn` variables, and an artifact revision
 * linking the commit.
 */
const recordSource = (execution: ExecutionRecord, run: ActionRun, { clock, random }: ActionServices): void => {
  const configuration = run.action.configuration ?? {};
  const pinned = execution.sourceRevisions.find((revision) => revision.actionName === run.action.name);
  const revision = pinned?.revisionValue ?? random.hex(40);
  const repository = configuration['FullRepositoryId'];
  const revisionUrl = repository === undefined ? undefined : `https://github.com/${repository}/commit/${revision}`;
  run.externalExecutionId ??= revision;
  if (revisionUrl !== undefined) {
    run.externalExecutionUrl ??= revisionUrl;
  }
  run.outputVariables = {
    CommitId: revision,
    ...(configuration['BranchName'] === undefined ? {} : { BranchName: configuration['BranchName'] }),
    ...(repository === undefined ? {} : { FullRepositoryId: repository }),
    ...(configuration['ConnectionArn'] === undefined ? {} : { ConnectionArn: configuration['ConnectionArn'] }),
  };
  execution.artifactRevisions.push({
    name: run.action.outputArtifacts?.[0] ?? 'SourceArtifact',
    revisionId: revision,
    revisionSummary: `Commit ${revision.slice(0, 7)}`,
    ...(revisionUrl === undefined ? {} : { revisionUrl }),
    created: clock.now(),
  });
  run.summary ??= `Commit ${revision.slice(0, 7)}`;
};

/** An action of the Source category: it takes its duration, then records the revision it read. */
const runSourceAction: ActionRunner = async (run, execution, services) => {
  const { clock } = services;
  await clock.sleep(actionSeconds(run.action), execution.abandon.signal);
  recordSource(execution, run, services);
  completeAction(run, clock.now(), run.action.outcome ?? ACTION_OUTCOME.Succeeded, run.action.errorDetails);
};

export { runSourceAction };
