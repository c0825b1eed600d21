import { ON_CANCEL } from './inputs.js';
import type { CancelOutcome } from './on-cancel.js';
import { isServiceDeploymentArn, ROLLBACK_RESULT, type DeploymentRollback } from './rollback-result.js';

const ROLLBACK_PERMISSION = 'codedeploy:StopDeployment';
const SERVICE_ROLLBACK_PERMISSION = 'ecs:StopServiceDeployment';

/** The same outcomes for an ECS service deployment, stopped with StopServiceDeployment. */
const serviceRollbackSentence = (rollback: DeploymentRollback, withDetails: boolean): string => {
  const id = rollback.deploymentId;
  switch (rollback.result) {
    case ROLLBACK_RESULT.RollingBack:
      return `Service deployment ${id} is rolling back: StopServiceDeployment (ROLLBACK) moves traffic back to the source service revision.`;
    case ROLLBACK_RESULT.Ended:
      return `Service deployment ${id} had already ended: nothing to roll back.`;
    case ROLLBACK_RESULT.Denied:
      return `Service deployment ${id} was not rolled back: the role may not call ${SERVICE_ROLLBACK_PERMISSION} on it, so it completes. Add ${SERVICE_ROLLBACK_PERMISSION} to the role so that cancelling rolls back.`;
    case ROLLBACK_RESULT.Failed:
      return `Service deployment ${id} was not rolled back (StopServiceDeployment failed${withDetails && rollback.detail !== undefined ? `: ${rollback.detail}` : ', see the log'}); it completes. Stop it with rollback from the ECS console if it must not go live.`;
  }
};

const rollbackSentence = (rollback: DeploymentRollback, withDetails: boolean): string => {
  const id = rollback.deploymentId;
  if (isServiceDeploymentArn(id)) return serviceRollbackSentence(rollback, withDetails);
  switch (rollback.result) {
    case ROLLBACK_RESULT.RollingBack:
      return `Deployment ${id} is rolling back: StopDeployment with autoRollbackEnabled moves production traffic back to the original task set.`;
    case ROLLBACK_RESULT.Ended:
      return `Deployment ${id} had already ended: nothing to roll back.`;
    case ROLLBACK_RESULT.Denied:
      return (
        `Deployment ${id} was not rolled back: the role may not call ${ROLLBACK_PERMISSION} on its deployment group, so it ` +
        `completes and its version goes live; the execution stops once it has. Add ${ROLLBACK_PERMISSION} to the role ` +
        '(terraform/modules/github-oidc grants it) so that cancelling rolls back.'
      );
    case ROLLBACK_RESULT.Failed:
      return (
        `Deployment ${id} was not rolled back (StopDeployment failed${withDetails && rollback.detail !== undefined ? `: ${rollback.detail}` : ', see the log'}); ` +
        'it completes and the execution stops once it has. Stop it with rollback from the CodeDeploy console if it must not go live.'
      );
  }
};

/**
 * What cancelling did to the running deployments, a sentence each: for the log (with AWS's error details) and for
 * the annotation (without them).
 */
const cancelSentences = (outcome: CancelOutcome, withDetails: boolean): string[] => {
  if (outcome.onCancel === ON_CANCEL.Stop) {
    return outcome.completing.length === 0
      ? ['on-cancel is stop: an action in progress (a deployment included) completes; nothing new starts.']
      : outcome.completing.map(
          (id) => `on-cancel is stop: deployment ${id}, in progress, completes (its traffic shift goes on); the execution stops once it has.`,
        );
  }
  return outcome.rollbacks.length === 0
    ? ['No CodeDeploy deployment of the execution was running: nothing to roll back.']
    : outcome.rollbacks.map((rollback) => rollbackSentence(rollback, withDetails));
};

/** The annotation's title: a refused rollback names the permission it lacked. */
const cancelTitle = (outcome: CancelOutcome | undefined): string =>
  outcome?.rollbacks.some((rollback) => rollback.result === ROLLBACK_RESULT.Denied) === true
    ? `Workflow cancelled: rollback denied (${outcome.rollbacks.some((rollback) => isServiceDeploymentArn(rollback.deploymentId)) ? SERVICE_ROLLBACK_PERMISSION : ROLLBACK_PERMISSION} missing)`
    : 'Workflow cancelled: pipeline stop requested';

export { cancelSentences, cancelTitle };
