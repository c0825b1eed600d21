/** What StopDeployment did to one deployment (its own file: the report reads it without loading the CodeDeploy client). */
const ROLLBACK_RESULT = {
  /** StopDeployment accepted: CodeDeploy moves production traffic back to the original task set. */
  RollingBack: 'rolling-back',
  /** The deployment had already ended: there is nothing to roll back. */
  Ended: 'ended',
  /** The role may not call codedeploy:StopDeployment: the deployment runs on to completion. */
  Denied: 'denied',
  /** StopDeployment failed otherwise (or ran out of time): the deployment runs on to completion. */
  Failed: 'failed',
} as const;
type RollbackResult = (typeof ROLLBACK_RESULT)[keyof typeof ROLLBACK_RESULT];

interface DeploymentRollback {
  readonly deploymentId: string;
  readonly result: RollbackResult;
  /** The AWS error's name and message when the result is Failed. */
  readonly detail?: string;
}

/** An Amazon ECS service deployment (native blue/green) rather than a CodeDeploy deployment id. */
const isServiceDeploymentArn = (deploymentId: string): boolean => /^arn:aws[a-z-]*:ecs:[^:]+:\d+:service-deployment\//.test(deploymentId);

export { isServiceDeploymentArn, ROLLBACK_RESULT, type RollbackResult };
export type { DeploymentRollback };
