import type { ActionScenario } from '../../scenario.js';
import type { ActionRunner } from './action-runner.js';
import { runCodeBuildAction } from './codebuild-action.js';
import { runCodeDeployToEcsAction } from './codedeploy-ecs-action.js';
import { runEcsAction } from './ecs-action.js';
import { runSourceAction } from './source-action.js';
import { runTimedAction } from './timed-action.js';

/**
 * The action providers the simulator plays, by CodePipeline's provider name. A provider is added here with a
 * runner of its own file; a provider absent from the table plays as a source action (Source category) or as
 * an action that takes its duration.
 */
const actionRunners: Readonly<Record<string, ActionRunner>> = {
  CodeBuild: runCodeBuildAction,
  CodeDeployToECS: runCodeDeployToEcsAction,
  ECS: runEcsAction,
};

const runnerFor = (action: ActionScenario): ActionRunner =>
  actionRunners[action.provider] ?? (action.category === 'Source' ? runSourceAction : runTimedAction);

export { runnerFor };
