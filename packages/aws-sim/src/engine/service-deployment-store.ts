import { AwsServiceError, SimulatorUsageError } from '../errors.js';
import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';

/** The SDK model's `ServiceDeploymentStatus`. */
const SERVICE_DEPLOYMENT_STATUS = {
  Pending: 'PENDING',
  InProgress: 'IN_PROGRESS',
  Successful: 'SUCCESSFUL',
  Stopped: 'STOPPED',
  StopRequested: 'STOP_REQUESTED',
  RollbackRequested: 'ROLLBACK_REQUESTED',
  RollbackInProgress: 'ROLLBACK_IN_PROGRESS',
  RollbackSuccessful: 'ROLLBACK_SUCCESSFUL',
  RollbackFailed: 'ROLLBACK_FAILED',
} as const;
type ServiceDeploymentStatus = (typeof SERVICE_DEPLOYMENT_STATUS)[keyof typeof SERVICE_DEPLOYMENT_STATUS];

const FINAL_STATUSES: ReadonlySet<string> = new Set([
  SERVICE_DEPLOYMENT_STATUS.Successful,
  SERVICE_DEPLOYMENT_STATUS.Stopped,
  SERVICE_DEPLOYMENT_STATUS.RollbackSuccessful,
  SERVICE_DEPLOYMENT_STATUS.RollbackFailed,
]);

/** The SDK model's `ServiceDeploymentLifecycleStage`, in the order a blue/green deployment passes them. */
const BLUE_GREEN_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;
type BlueGreenStage = (typeof BLUE_GREEN_STAGES)[number];

/** The SDK model's `DeploymentLifecycleHookStage`: the stages a lifecycle hook may be registered for. */
const HOOKABLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;
type HookableStage = (typeof HOOKABLE_STAGES)[number];

interface EcsLifecycleHookSpec {
  /** The Lambda function ECS invokes (an ARN). */
  readonly hookTargetArn: string;
  readonly roleArn?: string;
  readonly lifecycleStages: readonly HookableStage[];
  /** Passed to the function as `hookDetails` on its first invocation. */
  readonly hookDetails?: Readonly<Record<string, unknown>>;
  /** Minutes before ECS takes `timeoutAction` (default 1440, as DeploymentLifecycleHookTimeoutConfiguration). */
  readonly timeoutInMinutes?: number;
}

/** The SDK model's `DeploymentStrategy` values this simulator plays (ROLLING is not a blue/green strategy). */
const BLUE_GREEN_STRATEGIES = ['BLUE_GREEN', 'LINEAR', 'CANARY'] as const;
type BlueGreenStrategy = (typeof BLUE_GREEN_STRATEGIES)[number];

/**
 * An ECS service with deployment controller `ECS` and a blue/green strategy (`BLUE_GREEN`, `LINEAR` or `CANARY`)
 * behind an Application Load Balancer.
 */
interface EcsBlueGreenServiceSpec {
  readonly clusterName: string;
  readonly serviceName: string;
  /** Default BLUE_GREEN: production traffic moves all at once. */
  readonly strategy?: BlueGreenStrategy;
  /** LINEAR: production moves `stepPercent` (3–100) at a time, `stepBakeTimeInMinutes` apart. */
  readonly linearConfiguration?: { readonly stepPercent: number; readonly stepBakeTimeInMinutes?: number };
  /** CANARY: `canaryPercent` (0.1–100) first, the rest `canaryBakeTimeInMinutes` later. */
  readonly canaryConfiguration?: { readonly canaryPercent: number; readonly canaryBakeTimeInMinutes?: number };
  /** Default 2. */
  readonly desiredCount?: number;
  /** 0–1440 (default 0): minutes both revisions keep running after production traffic moved. */
  readonly bakeTimeInMinutes?: number;
  readonly lifecycleHooks?: readonly EcsLifecycleHookSpec[];
  /** `advancedConfiguration.productionListenerRule`: a rule of `sim.elbv2.addListenerRule`. */
  readonly productionListenerRuleArn: string;
  /** `advancedConfiguration.testListenerRule`. */
  readonly testListenerRuleArn?: string;
  /** `loadBalancers[].targetGroupArn`: serves production before the first deployment. */
  readonly targetGroupArn: string;
  /** `advancedConfiguration.alternateTargetGroupArn`. */
  readonly alternateTargetGroupArn: string;
  /** Scenario seconds each lifecycle stage takes without hooks (default 5). */
  readonly stageSeconds?: number;
  /** CloudWatch alarms ECS watches during the deployment; with `rollback` one in ALARM rolls it back. */
  readonly alarms?: { readonly alarmNames: readonly string[]; readonly rollback: boolean };
  /** A server-side cap on ListServiceDeployments pages (AWS may return fewer results than maxResults). */
  readonly listPageSize?: number;
}

interface ServiceRevisionState {
  readonly arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  pendingTaskCount: number;
}

interface HookDetailState {
  readonly hookId: string;
  readonly targetArn: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly expiresAt: Date;
}

interface ServiceDeploymentRecord {
  readonly serviceDeploymentArn: string;
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  stoppedAt?: Date;
  updatedAt: Date;
  readonly source: ServiceRevisionState;
  readonly target: ServiceRevisionState;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: BlueGreenStage;
  lifecycleHookDetails: HookDetailState[];
  rollback?: { readonly reason: string; readonly startedAt: Date; readonly serviceRevisionArn: string };
  /** The watched alarms that went into ALARM during this deployment. */
  readonly triggeredAlarmNames: string[];
  readonly bakeTimeInMinutes: number;
  readonly strategy: BlueGreenStrategy;
  /** Aborted by StopServiceDeployment: the driver rolls back. */
  readonly stop: AbortController;
  /** Resolves once the deployment reached a final status. */
  readonly settled: Promise<ServiceDeploymentRecord>;
  settle(): void;
}

interface EcsServiceRecord {
  readonly serviceArn: string;
  readonly clusterArn: string;
  readonly spec: EcsBlueGreenServiceSpec;
  /** The target group production traffic goes to now; ECS swaps the two roles after each deployment. */
  primaryTargetGroupArn: string;
  currentRevision: ServiceRevisionState;
  revisions: number;
  readonly deployments: ServiceDeploymentRecord[];
}

const isFinal = (status: string): boolean => FINAL_STATUSES.has(status);

/** ECS services with native blue/green deployments, and their service deployments (newest last). */
class ServiceDeploymentStore {
  readonly #clock: SimClock;
  readonly #random: SeededRandom;
  readonly #region: string;
  readonly #account: string;
  readonly #services = new Map<string, EcsServiceRecord>();

  constructor(options: { clock: SimClock; random: SeededRandom; region: string; account: string }) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#region = options.region;
    this.#account = options.account;
  }

  clusterArn(clusterName: string): string {
    return clusterName.startsWith('arn:') ? clusterName : `arn:aws:ecs:${this.#region}:${this.#account}:cluster/${clusterName}`;
  }

  addService(spec: EcsBlueGreenServiceSpec): EcsServiceRecord {
    const strategy = spec.strategy ?? 'BLUE_GREEN';
    if (!BLUE_GREEN_STRATEGIES.includes(strategy)) {
      throw new SimulatorUsageError(`addBlueGreenService "${spec.serviceName}": strategy must be one of ${BLUE_GREEN_STRATEGIES.join(', ')}.`);
    }
    const step = spec.linearConfiguration?.stepPercent;
    if (strategy === 'LINEAR' && (step === undefined || step < 3 || step > 100)) {
      throw new SimulatorUsageError(`addBlueGreenService "${spec.serviceName}": LINEAR needs linearConfiguration.stepPercent between 3 and 100.`);
    }
    const canary = spec.canaryConfiguration?.canaryPercent;
    if (strategy === 'CANARY' && (canary === undefined || canary < 0.1 || canary > 100)) {
      throw new SimulatorUsageError(`addBlueGreenService "${spec.serviceName}": CANARY needs canaryConfiguration.canaryPercent between 0.1 and 100.`);
    }
    const clusterArn = this.clusterArn(spec.clusterName);
    const serviceArn = `arn:aws:ecs:${this.#region}:${this.#account}:service/${spec.clusterName}/${spec.serviceName}`;
    const desired = spec.desiredCount ?? 2;
    const record: EcsServiceRecord = {
      serviceArn,
      clusterArn,
      spec,
      primaryTargetGroupArn: spec.targetGroupArn,
      currentRevision: { arn: this.#revisionArn(spec, 1), requestedTaskCount: desired, runningTaskCount: desired, pendingTaskCount: 0 },
      revisions: 1,
      deployments: [],
    };
    this.#services.set(serviceArn, record);
    return record;
  }

  /** The service named by `service` (name or ARN) in `cluster` (name or ARN, default `default`), as ECS resolves them. */
  service(cluster: string | undefined, service: string): EcsServiceRecord {
    const clusterArn = this.clusterArn(cluster ?? 'default');
    const found = [...this.#services.values()].find(
      (candidate) => candidate.clusterArn === clusterArn && (candidate.serviceArn === service || candidate.spec.serviceName === service),
    );
    if (found === undefined) {
      if (![...this.#services.values()].some((candidate) => candidate.clusterArn === clusterArn)) {
        throw new AwsServiceError('ClusterNotFoundException', 'Cluster not found.');
      }
      throw new AwsServiceError('ServiceNotFoundException', 'Service not found.');
    }
    return found;
  }

  deployment(serviceDeploymentArn: string): ServiceDeploymentRecord | undefined {
    for (const service of this.#services.values()) {
      const found = service.deployments.find((candidate) => candidate.serviceDeploymentArn === serviceDeploymentArn);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }

  serviceOf(record: ServiceDeploymentRecord): EcsServiceRecord {
    const service = this.#services.get(record.serviceArn);
    if (service === undefined) {
      throw new AwsServiceError('ServiceNotFoundException', 'Service not found.');
    }
    return service;
  }

  /** UpdateService with a new task definition: a PENDING service deployment from the current to a new revision. */
  create(service: EcsServiceRecord): ServiceDeploymentRecord {
    const now = this.#clock.now();
    service.revisions += 1;
    const desired = service.spec.desiredCount ?? 2;
    let settle = (): void => undefined;
    const record: ServiceDeploymentRecord = {
      serviceDeploymentArn: `arn:aws:ecs:${this.#region}:${this.#account}:service-deployment/${service.spec.clusterName}/${service.spec.serviceName}/${this.#random.hex(21)}`,
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
      createdAt: now,
      updatedAt: now,
      source: { ...service.currentRevision },
      target: { arn: this.#revisionArn(service.spec, service.revisions), requestedTaskCount: desired, runningTaskCount: 0, pendingTaskCount: 0 },
      status: SERVICE_DEPLOYMENT_STATUS.Pending,
      lifecycleHookDetails: [],
      triggeredAlarmNames: [],
      bakeTimeInMinutes: service.spec.bakeTimeInMinutes ?? 0,
      strategy: service.spec.strategy ?? 'BLUE_GREEN',
      stop: new AbortController(),
      settled: new Promise<ServiceDeploymentRecord>((resolve) => {
        settle = () => resolve(record);
      }),
      settle: () => settle(),
    };
    service.deployments.push(record);
    return record;
  }

  /** StopServiceDeployment: only a deployment still in progress can be stopped, and only with ROLLBACK. */
  requestStop(serviceDeploymentArn: string, stopType: string): ServiceDeploymentRecord {
    const record = this.deployment(serviceDeploymentArn);
    if (record === undefined) {
      throw new AwsServiceError('ServiceDeploymentNotFoundException', `The service deployment ${serviceDeploymentArn} does not exist.`);
    }
    if (stopType !== 'ROLLBACK') {
      throw new AwsServiceError('InvalidParameterException', `stopType ${stopType} is not supported; the valid value is ROLLBACK.`);
    }
    if (record.status !== SERVICE_DEPLOYMENT_STATUS.Pending && record.status !== SERVICE_DEPLOYMENT_STATUS.InProgress) {
      throw new AwsServiceError('ConflictException', `The service deployment is ${record.status} and can't be stopped.`);
    }
    record.status = SERVICE_DEPLOYMENT_STATUS.RollbackRequested;
    record.updatedAt = this.#clock.now();
    record.stop.abort(new Error('Service deployment rolled back because StopServiceDeployment requested a rollback.'));
    return record;
  }

  /**
   * A CloudWatch alarm went into ALARM: every in-progress deployment of a service watching it records it, and rolls
   * back when the service's alarms say `rollback`. Returns the deployments it rolled back.
   */
  alarm(alarmName: string): ServiceDeploymentRecord[] {
    const rolledBack: ServiceDeploymentRecord[] = [];
    for (const service of this.#services.values()) {
      if (service.spec.alarms?.alarmNames.includes(alarmName) !== true) {
        continue;
      }
      for (const record of service.deployments.filter((candidate) => candidate.status === SERVICE_DEPLOYMENT_STATUS.InProgress)) {
        record.triggeredAlarmNames.push(alarmName);
        record.updatedAt = this.#clock.now();
        if (service.spec.alarms.rollback) {
          record.stop.abort(new Error(`Service deployment rolled back because alarm ${alarmName} went into ALARM.`));
          rolledBack.push(record);
        }
      }
    }
    return rolledBack;
  }

  #revisionArn(spec: EcsBlueGreenServiceSpec, revision: number): string {
    return `arn:aws:ecs:${this.#region}:${this.#account}:service-revision/${spec.clusterName}/${spec.serviceName}/${String(revision).padStart(19, '0')}`;
  }
}

export { BLUE_GREEN_STAGES, BLUE_GREEN_STRATEGIES, HOOKABLE_STAGES, isFinal, SERVICE_DEPLOYMENT_STATUS, type ServiceDeploymentStatus, ServiceDeploymentStore };
export type {
  BlueGreenStage,
  BlueGreenStrategy,
  EcsBlueGreenServiceSpec,
  EcsLifecycleHookSpec,
  EcsServiceRecord,
  HookableStage,
  HookDetailState,
  ServiceDeploymentRecord,
  ServiceRevisionState,
};
