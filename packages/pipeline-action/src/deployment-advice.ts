import { isCodeDeployAction } from './action-kinds.js';
import type { ActionRun } from './action-tracker.js';

// CodeDeploy refuses a second active deployment per group with DeploymentLimitExceededException; the text the
// pipeline action reports for it is not documented (users report "... already has an active Deployment"), so both
// are looked for and an action failing otherwise gets no advice.
const ACTIVE_DEPLOYMENT = /already has an active Deployment|DeploymentLimitExceeded/i;

/**
 * What to do when a CodeDeploy action failed because its deployment group already had an active deployment:
 * often one a cancelled or abandoned execution left running, since stopping an execution never stops its
 * deployment.
 */
const activeDeploymentAdvice = (run: ActionRun | undefined): string | undefined => {
  if (run === undefined || !isCodeDeployAction(run.provider) || !ACTIVE_DEPLOYMENT.test(run.errorMessage ?? '')) return undefined;
  return (
    'Another deployment is still active in the deployment group, often one that a cancelled or abandoned execution ' +
    'left running (stopping an execution never stops its deployment). Find it with `aws deploy list-deployments ' +
    '--application-name <application> --deployment-group-name <group> --include-only-statuses InProgress Ready`, ' +
    'wait for it to end or stop it with `aws deploy stop-deployment --deployment-id <id> --auto-rollback-enabled`, ' +
    'then re-run the job.'
  );
};

export { activeDeploymentAdvice };
