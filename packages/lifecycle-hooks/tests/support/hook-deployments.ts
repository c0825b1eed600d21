import type { Simulator } from '@greenlight/aws-sim';

interface DeploymentGroupName {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
}

let plainGroups = 0;

/**
 * A deployment group with no listeners to discover, for tests that only need a deployment to report on: a new one
 * each time, since CodeDeploy allows one active deployment per group and some tests leave theirs unreported.
 */
const newPlainGroup = (sim: Simulator): DeploymentGroupName => {
  plainGroups += 1;
  const group = { applicationName: 'app', deploymentGroupName: `group-${plainGroups}` };
  sim.codedeploy.addDeploymentGroup({ ...group, prodListenerArns: [], testListenerArns: [], targetGroups: ['blue', 'green'] });
  return group;
};

/** Starts a deployment (in a plain group of its own unless `group` is given) and builds the AfterAllowTestTraffic event CodeDeploy would send the hook for it. */
const newHookDeployment = (
  sim: Simulator,
  group: DeploymentGroupName = newPlainGroup(sim),
): { deploymentId: string; event: { DeploymentId: string; LifecycleEventHookExecutionId: string } } => {
  const created = sim.codedeploy.createDeployment(group);
  return {
    deploymentId: created.deploymentId,
    event: { DeploymentId: created.deploymentId, LifecycleEventHookExecutionId: created.hookExecutionIds.AfterAllowTestTraffic ?? '' },
  };
};

/** The statuses the hook reported for a deployment, in order. */
const reportedStatuses = (sim: Simulator, deploymentId: string): string[] =>
  sim.codedeploy.lifecycleReports(deploymentId).map((report) => report.status);

export { newHookDeployment, reportedStatuses };
