import { AwsServiceError } from '../errors.js';
import type { EcsServiceRecord, ServiceDeploymentRecord, ServiceDeploymentStore, ServiceRevisionState } from '../engine/service-deployment-store.js';
import { constraintError, optionalNumber, optionalObject, optionalString, requiredString, stringList, type Input } from './input.js';
import { paginate } from './pagination.js';
import type { ServiceDefinition } from './service.js';

/** ListServiceDeployments returns up to 20 results without maxResults (API reference). */
const DEFAULT_PAGE_SIZE = 20;

const revisionView = (revision: ServiceRevisionState): object => ({
  arn: revision.arn,
  requestedTaskCount: revision.requestedTaskCount,
  runningTaskCount: revision.runningTaskCount,
  pendingTaskCount: revision.pendingTaskCount,
});

const deploymentView = (record: ServiceDeploymentRecord, alarms: EcsServiceRecord['spec']['alarms']): object => ({
  serviceDeploymentArn: record.serviceDeploymentArn,
  serviceArn: record.serviceArn,
  clusterArn: record.clusterArn,
  createdAt: record.createdAt,
  startedAt: record.startedAt,
  finishedAt: record.finishedAt,
  stoppedAt: record.stoppedAt,
  updatedAt: record.updatedAt,
  sourceServiceRevisions: [revisionView(record.source)],
  targetServiceRevision: revisionView(record.target),
  status: record.status,
  statusReason: record.statusReason,
  lifecycleStage: record.lifecycleStage,
  lifecycleHookDetails: record.lifecycleHookDetails.map((hook) => ({ ...hook, targetType: 'AWS_LAMBDA', timeoutAction: 'ROLLBACK' })),
  deploymentConfiguration: { strategy: record.strategy, bakeTimeInMinutes: record.bakeTimeInMinutes },
  rollback: record.rollback,
  ...(alarms === undefined
    ? {}
    : { alarms: { status: record.triggeredAlarmNames.length > 0 ? 'TRIGGERED' : 'MONITORING', alarmNames: alarms.alarmNames, triggeredAlarmNames: record.triggeredAlarmNames } }),
});

const briefView = (record: ServiceDeploymentRecord): object => ({
  serviceDeploymentArn: record.serviceDeploymentArn,
  serviceArn: record.serviceArn,
  clusterArn: record.clusterArn,
  createdAt: record.createdAt,
  startedAt: record.startedAt,
  finishedAt: record.finishedAt,
  targetServiceRevisionArn: record.target.arn,
  status: record.status,
  statusReason: record.statusReason,
});

const serviceView = (service: EcsServiceRecord): object => {
  const { spec } = service;
  const active = service.deployments.filter((record) => record.status === 'IN_PROGRESS' || record.status === 'PENDING').length;
  return {
    serviceArn: service.serviceArn,
    serviceName: spec.serviceName,
    clusterArn: service.clusterArn,
    status: 'ACTIVE',
    desiredCount: spec.desiredCount ?? 2,
    runningCount: service.currentRevision.runningTaskCount,
    pendingCount: 0,
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: {
      ...(spec.alarms === undefined ? {} : { alarms: { alarmNames: spec.alarms.alarmNames, enable: true, rollback: spec.alarms.rollback } }),
      strategy: spec.strategy ?? 'BLUE_GREEN',
      bakeTimeInMinutes: spec.bakeTimeInMinutes ?? 0,
      ...(spec.linearConfiguration === undefined ? {} : { linearConfiguration: spec.linearConfiguration }),
      ...(spec.canaryConfiguration === undefined ? {} : { canaryConfiguration: spec.canaryConfiguration }),
      lifecycleHooks: (spec.lifecycleHooks ?? []).map((hook) => ({
        hookTargetArn: hook.hookTargetArn,
        roleArn: hook.roleArn,
        lifecycleStages: hook.lifecycleStages,
        hookDetails: hook.hookDetails,
      })),
    },
    loadBalancers: [
      {
        targetGroupArn: spec.targetGroupArn,
        advancedConfiguration: {
          alternateTargetGroupArn: spec.alternateTargetGroupArn,
          productionListenerRule: spec.productionListenerRuleArn,
          testListenerRule: spec.testListenerRuleArn,
        },
      },
    ],
    currentServiceDeployment: service.deployments.at(-1)?.serviceDeploymentArn,
    deployments: [{ status: 'PRIMARY', rolloutState: active > 0 ? 'IN_PROGRESS' : 'COMPLETED' }],
  };
};

/** A JSON 1.1 timestamp member: epoch seconds. */
const optionalTimestamp = (input: Input, member: string): number | undefined => {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw constraintError(value, member, 'Member must be a timestamp');
  }
  return value * 1000;
};

/** Amazon ECS (AWS JSON 1.1, `AmazonEC2ContainerServiceV20141113.*`): following and stopping service deployments. */
const ecsService = (store: ServiceDeploymentStore): ServiceDefinition => ({
  service: 'ecs',
  signingName: 'ecs',
  operations: {
    ListServiceDeployments: (input) => {
      const service = store.service(optionalString(input, 'cluster'), requiredString(input, 'service'));
      const statuses = stringList(input, 'status');
      const createdAt = optionalObject(input, 'createdAt') ?? {};
      const after = optionalTimestamp(createdAt, 'after');
      const before = optionalTimestamp(createdAt, 'before');
      const matching = [...service.deployments]
        .reverse()
        .filter(
          (record) =>
            (statuses.length === 0 || statuses.includes(record.status)) &&
            (after === undefined || record.createdAt.getTime() >= after) &&
            (before === undefined || record.createdAt.getTime() <= before),
        );
      const page = paginate(
        matching,
        optionalNumber(input, 'maxResults', 1, 100) ?? DEFAULT_PAGE_SIZE,
        optionalString(input, 'nextToken'),
        service.spec.listPageSize,
      );
      return { serviceDeployments: page.items.map(briefView), ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
    },

    DescribeServiceDeployments: (input) => {
      const arns = stringList(input, 'serviceDeploymentArns');
      if (arns.length === 0 || arns.length > 20) {
        throw new AwsServiceError('InvalidParameterException', 'serviceDeploymentArns must name between 1 and 20 service deployments.');
      }
      const found = arns.map((arn) => ({ arn, record: store.deployment(arn) }));
      return {
        serviceDeployments: found.flatMap(({ record }) => (record === undefined ? [] : [deploymentView(record, store.serviceOf(record).spec.alarms)])),
        failures: found.flatMap(({ arn, record }) => (record === undefined ? [{ arn, reason: 'MISSING' }] : [])),
      };
    },

    DescribeServices: (input) => {
      const names = stringList(input, 'services');
      if (names.length === 0 || names.length > 10) {
        throw new AwsServiceError('InvalidParameterException', 'services must name between 1 and 10 services.');
      }
      const cluster = optionalString(input, 'cluster');
      const found = names.map((name) => {
        try {
          return { name, service: store.service(cluster, name) };
        } catch (error) {
          if (error instanceof AwsServiceError && error.code === 'ServiceNotFoundException') {
            return { name, service: undefined };
          }
          throw error;
        }
      });
      return {
        services: found.flatMap(({ service }) => (service === undefined ? [] : [serviceView(service)])),
        failures: found.flatMap(({ name, service }) => (service === undefined ? [{ arn: name, reason: 'MISSING' }] : [])),
      };
    },

    StopServiceDeployment: (input) => {
      const record = store.requestStop(requiredString(input, 'serviceDeploymentArn'), optionalString(input, 'stopType') ?? 'ROLLBACK');
      return { serviceDeploymentArn: record.serviceDeploymentArn };
    },
  },
});

export { ecsService };
