import { createHash } from 'node:crypto';
import { AwsServiceError } from '../errors.js';
import { DEPLOYMENT_STATUS, DEPLOYMENT_WAIT_TYPE, type DeploymentGroupRecord, type DeploymentRecord, type DeploymentStore } from '../engine/deployment-store.js';
import { optionalBoolean, optionalString, requiredString } from './input.js';
import type { ServiceDefinition } from './service.js';

/** ECS targets have their own status vocabulary: a stopped deployment's target shows Failed. */
const targetStatus = (record: DeploymentRecord): string => (record.status === DEPLOYMENT_STATUS.Stopped ? 'Failed' : record.status);

const overview = (record: DeploymentRecord): object => {
  const counts: Record<string, number> = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  counts[targetStatus(record)] = 1;
  return counts;
};

/** The SDK model's TargetLabel values. */
const TARGET_LABELS = { BLUE: 'Blue', GREEN: 'Green' } as const;

/** What a deployment group (and each of its deployments) says about the ready wait and the termination wait. */
const blueGreenConfiguration = (group: DeploymentGroupRecord | undefined): object => ({
  terminateBlueInstancesOnDeploymentSuccess: { action: 'TERMINATE', terminationWaitTimeInMinutes: group?.terminationWaitTimeInMinutes ?? 0 },
  deploymentReadyOption: {
    actionOnTimeout: group?.deploymentReadyOption?.actionOnTimeout ?? 'CONTINUE_DEPLOYMENT',
    ...(group?.deploymentReadyOption?.waitTimeInMinutes === undefined ? {} : { waitTimeInMinutes: group.deploymentReadyOption.waitTimeInMinutes }),
  },
});

const deploymentInfo = (record: DeploymentRecord, group: DeploymentGroupRecord | undefined): object => ({
  applicationName: record.applicationName,
  deploymentGroupName: record.deploymentGroupName,
  deploymentConfigName: record.deploymentConfigName,
  deploymentId: record.deploymentId,
  status: record.status,
  errorInformation: record.errorInformation,
  createTime: record.createTime,
  startTime: record.startTime,
  completeTime: record.completeTime,
  deploymentOverview: overview(record),
  creator: record.creator,
  ...(record.rollbackMessage === undefined ? {} : { rollbackInfo: { rollbackMessage: record.rollbackMessage } }),
  deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
  blueGreenDeploymentConfiguration: blueGreenConfiguration(group),
  computePlatform: 'ECS',
  ...(record.appSpecContent === undefined
    ? {}
    : {
        revision: {
          revisionType: 'AppSpecContent',
          appSpecContent: { content: record.appSpecContent, sha256: createHash('sha256').update(record.appSpecContent).digest('hex') },
        },
      }),
});

/** CodeDeploy (CodeDeploy_20141006): the read side for progress, stop and continue, the write side for lifecycle hooks. */
const codeDeployService = (deployments: DeploymentStore): ServiceDefinition => ({
  service: 'codedeploy',
  signingName: 'codedeploy',
  operations: {
    GetDeployment: (input) => {
      const record = deployments.get(requiredString(input, 'deploymentId'));
      return { deploymentInfo: deploymentInfo(record, deployments.group(record.applicationName, record.deploymentGroupName)) };
    },

    StopDeployment: (input) => {
      const deploymentId = requiredString(input, 'deploymentId');
      deployments.stop(deploymentId, optionalBoolean(input, 'autoRollbackEnabled') ?? false);
      return { status: 'Pending', statusMessage: `Stopping deployment ${deploymentId}.` };
    },

    ContinueDeployment: (input) => {
      deployments.continueDeployment(requiredString(input, 'deploymentId'), optionalString(input, 'deploymentWaitType') ?? DEPLOYMENT_WAIT_TYPE.Ready);
      return {};
    },

    GetDeploymentGroup: (input) => {
      const applicationName = requiredString(input, 'applicationName');
      const deploymentGroupName = requiredString(input, 'deploymentGroupName');
      if (!deployments.hasApplication(applicationName)) {
        throw new AwsServiceError('ApplicationDoesNotExistException', `No application found for name: ${applicationName}`);
      }
      const group = deployments.group(applicationName, deploymentGroupName);
      if (group === undefined) {
        throw new AwsServiceError('DeploymentGroupDoesNotExistException', `No Deployment Group found for name: ${deploymentGroupName}`);
      }
      return {
        deploymentGroupInfo: {
          applicationName: group.applicationName,
          deploymentGroupId: group.deploymentGroupId,
          deploymentGroupName: group.deploymentGroupName,
          deploymentConfigName: group.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce',
          computePlatform: 'ECS',
          deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
          blueGreenDeploymentConfiguration: blueGreenConfiguration(group),
          ecsServices: [{ serviceName: group.serviceName ?? 'service', clusterName: group.clusterName ?? 'cluster' }],
          loadBalancerInfo: {
            targetGroupPairInfoList: [
              {
                targetGroups: group.targetGroups.map((name) => ({ name })),
                prodTrafficRoute: { listenerArns: group.prodListenerArns },
                testTrafficRoute: { listenerArns: group.testListenerArns },
              },
            ],
          },
        },
      };
    },

    ListDeploymentTargets: (input) => ({ targetIds: [deployments.get(requiredString(input, 'deploymentId')).targetId] }),

    GetDeploymentTarget: (input) => {
      const record = deployments.get(requiredString(input, 'deploymentId'));
      const targetId = requiredString(input, 'targetId');
      if (targetId !== record.targetId) {
        throw new AwsServiceError('DeploymentTargetDoesNotExistException', `The target ${targetId} does not exist in deployment ${record.deploymentId}.`);
      }
      return {
        deploymentTarget: {
          deploymentTargetType: 'ECSTarget',
          ecsTarget: {
            deploymentId: record.deploymentId,
            targetId: record.targetId,
            targetArn: record.targetArn,
            lastUpdatedAt: record.lastUpdatedAt,
            lifecycleEvents: record.lifecycleEvents.map((event) => ({ ...event })),
            status: targetStatus(record),
            taskSetsInfo: record.taskSets.map((taskSet) => ({
              // AWS spells this field "identifer".
              identifer: taskSet.identifier,
              desiredCount: taskSet.desiredCount,
              pendingCount: taskSet.pendingCount,
              runningCount: taskSet.runningCount,
              status: taskSet.status,
              trafficWeight: taskSet.trafficWeight,
              targetGroup: { name: taskSet.targetGroupName },
              taskSetLabel: TARGET_LABELS[taskSet.taskSetLabel],
            })),
          },
        },
      };
    },

    PutLifecycleEventHookExecutionStatus: (input) => {
      const report = deployments.report(
        requiredString(input, 'deploymentId'),
        requiredString(input, 'lifecycleEventHookExecutionId'),
        requiredString(input, 'status'),
      );
      return { lifecycleEventHookExecutionId: report.lifecycleEventHookExecutionId };
    },
  },
});

export { codeDeployService };
