import { OnCancel } from './inputs.js';
import type { CancelOutcome } from './on-cancel.js';
import { isServiceDeploymentArn, RollbackResult, type DeploymentRollback } from './rollback-result.js';

const RollbackPermission = 'codedeploy:StopDeployment';
const ServiceRollbackPermission = 'ecs:StopServiceDeployment';

/** The same outcomes for an ECS service deployment, stopped with StopServiceDeployment. */
const serviceRollbackSentence = (rollback: DeploymentRollback, withDetails: boolean): string => {
  const id = rollback.deploymentId;
  switch (rollback.result) {
    case RollbackResult.RollingBack:
      return `Service deployment ${id} is rolling back: StopServiceDeployment (ROLLBACK) moves traffic back to the source service revision.`;
    case RollbackResult.Ended:
      return `Service deployment ${id} had already ended: nothing to roll back.`;
    case RollbackResult.Denied:
      return `Service deployment ${id} was not rolled back: the role may not call ${ServiceRollbackPermission} on it, so it completes. Add ${ServiceRollbackPermission} to the role so that cancelling rolls back.`;
    case RollbackResult.Failed:
      return `Service deployment ${id} was not rolled back (StopServiceDeployment failed${withDetails && rollback.detail !== undefined ? `: ${rollback.detail}` : ', see the log'}); it completes. Stop it with rollback from the ECS console if it must not go live.`;
  }
};

const rollbackSentence = (rollback: DeploymentRollback, withDetails: boolean): string => {
  const id = rollback.deploymentId;
  if (isServiceDeploymentArn(id)) return serviceRollbackSentence(rollback, withDetails);
  switch (rollback.result) {
    case RollbackResult.RollingBack:
      return `Deployment ${id} is rolling back: StopDeployment with autoRollbackEnabled moves production traffic back to the original task set.`;
    case RollbackResult.Ended:
      return `Deployment ${id} had already ended: nothing to roll back.`;
    case RollbackResult.Denied:
      return (
        `Deployment ${id} was not rolled back: the role may not call ${RollbackPermission} on its deployment group, so it ` +
        `completes and its version goes live; the execution stops once it has. Add ${RollbackPermission} to the role ` +
        '(terraform/modules/github-oidc grants it) so that cancelling rolls back.'
      );
    case RollbackResult.Failed:
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
  if (outcome.onCancel === OnCancel.Stop) {
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
  outcome?.rollbacks.some((rollback) => rollback.result === RollbackResult.Denied) === true
    ? `Workflow cancelled: rollback denied (${outcome.rollbacks.some((rollback) => isServiceDeploymentArn(rollback.deploymentId)) ? ServiceRollbackPermission : RollbackPermission} missing)`
    : 'Workflow cancelled: pipeline stop requested';

export { cancelSentences, cancelTitle };
