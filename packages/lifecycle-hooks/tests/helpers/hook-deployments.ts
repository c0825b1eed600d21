import type { Simulator } from '@greenlight/aws-sim';

interface DeploymentGroupName {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
}

/** The group of tests that need a deployment to report on but no listeners to discover. */
const PLAIN_GROUP: DeploymentGroupName = { applicationName: 'app', deploymentGroupName: 'group' };

/** Registers PLAIN_GROUP in the simulator. */
const addPlainGroup = (sim: Simulator): void => {
  sim.codedeploy.addDeploymentGroup({ ...PLAIN_GROUP, prodListenerArns: [], testListenerArns: [], targetGroups: ['blue', 'green'] });
};

/** Starts a deployment and builds the AfterAllowTestTraffic event CodeDeploy would send the hook for it. */
const newHookDeployment = (
  sim: Simulator,
  group: DeploymentGroupName = PLAIN_GROUP,
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

export { addPlainGroup, newHookDeployment, reportedStatuses };
