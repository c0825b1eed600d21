import { ACTION_OUTCOME } from '../../scenario.js';
import { actionSeconds } from '../run-order.js';
import { completeAction, type ActionRunner } from './action-runner.js';

/**
 * A CodeBuild action: starts a build of the project (its id is the action's external execution id) and ends
 * with it; a failed build fails the action "Build terminated with state: FAILED". Abandoning the execution
 * stops the wait, never the build.
 */
const runCodeBuildAction: ActionRunner = async (run, execution, { builds, clock, region, account }) => {
  const action = run.action;
  const succeeded = (action.outcome ?? ACTION_OUTCOME.Succeeded) === ACTION_OUTCOME.Succeeded;
  const projectName = action.configuration?.['ProjectName'] ?? action.name;
  const durationSeconds = actionSeconds(action);
  const build = builds.start({
    projectName,
    durationSeconds,
    succeeded,
    ...(action.build?.failedPhase === undefined ? {} : { failedPhase: action.build.failedPhase }),
    logLines: action.build?.logLines ?? [],
    initiator: `codepipeline/${execution.pipelineName}`,
    ...(execution.artifactRevisions[0] === undefined ? {} : { sourceVersion: execution.artifactRevisions[0].revisionId }),
  });
  run.externalExecutionId = build.id;
  run.externalExecutionUrl = `https://console.aws.amazon.com/codesuite/codebuild/${account}/projects/${projectName}/build/${encodeURIComponent(build.id)}/?region=${region}`;
  await clock.sleep(durationSeconds, execution.abandon.signal);
  completeAction(
    run,
    clock.now(),
    succeeded ? ACTION_OUTCOME.Succeeded : ACTION_OUTCOME.Failed,
    action.errorDetails ?? { code: 'JobFailed', message: 'Build terminated with state: FAILED' },
  );
};

export { runCodeBuildAction };
