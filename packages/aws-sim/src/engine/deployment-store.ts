import { AwsServiceError, SimulatorUsageError } from '../errors.js';
import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';
import { ECS_LIFECYCLE_EVENTS, HOOKABLE_LIFECYCLE_EVENTS, isHookable, type ErrorDetails, type HookableLifecycleEventName, type LifecycleEventName } from '../scenario.js';

const DEPLOYMENT_STATUS = {
  Created: 'Created',
  InProgress: 'InProgress',
  Ready: 'Ready',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Stopped: 'Stopped',
} as const;
type DeploymentStatus = (typeof DEPLOYMENT_STATUS)[keyof typeof DEPLOYMENT_STATUS];

const LIFECYCLE_EVENT_STATUS = {
  Pending: 'Pending',
  InProgress: 'InProgress',
  Succeeded: 'Succeeded',
  Failed: 'Failed',
  Skipped: 'Skipped',
} as const;
type LifecycleEventStatus = (typeof LIFECYCLE_EVENT_STATUS)[keyof typeof LIFECYCLE_EVENT_STATUS];

type HookStatus = 'Succeeded' | 'Failed';

/** ContinueDeployment's `deploymentWaitType`: the wait for someone to start rerouting, or the one before blue is terminated. */
const DEPLOYMENT_WAIT_TYPE = { Ready: 'READY_WAIT', Termination: 'TERMINATION_WAIT' } as const;
type DeploymentWaitType = (typeof DEPLOYMENT_WAIT_TYPE)[keyof typeof DEPLOYMENT_WAIT_TYPE];

/** How a wait ended: ContinueDeployment cut it short, or its time ran out. */
type WaitOutcome = 'continued' | 'elapsed';

/** The deployment group's DeploymentReadyOption. */
interface DeploymentReadyOption {
  readonly actionOnTimeout: 'CONTINUE_DEPLOYMENT' | 'STOP_DEPLOYMENT';
  /** With STOP_DEPLOYMENT: minutes to wait for ContinueDeployment before the deployment is Stopped. */
  readonly waitTimeInMinutes?: number;
}

/** What StopDeployment asked for. */
interface StopRequest {
  /** Traffic back to the original (blue) task set. */
  readonly autoRollbackEnabled: boolean;
}

interface DeploymentGroupSpec {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly testListenerArns: readonly string[];
  readonly prodListenerArns: readonly string[];
  /** Target group names, blue first. */
  readonly targetGroups: readonly string[];
  /** Default CodeDeployDefault.ECSAllAtOnce. */
  readonly deploymentConfigName?: string;
  readonly clusterName?: string;
  readonly serviceName?: string;
  /** Minutes the original (blue) task set runs on after all traffic moved, before it is deleted (0-2880, default 0). */
  readonly terminationWaitTimeInMinutes?: number;
  /** Default CONTINUE_DEPLOYMENT: production traffic moves as soon as the replacement is ready. */
  readonly deploymentReadyOption?: DeploymentReadyOption;
}

interface DeploymentGroupRecord extends DeploymentGroupSpec {
  readonly deploymentGroupId: string;
}

interface TaskSetInfo {
  readonly identifier: string;
  readonly taskSetLabel: 'BLUE' | 'GREEN';
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  /** PRIMARY | ACTIVE | DRAINING */
  readonly status: string;
  /** Percentage of production traffic. */
  readonly trafficWeight: number;
  readonly targetGroupName: string;
}

interface LifecycleEventState {
  readonly lifecycleEventName: LifecycleEventName;
  status: LifecycleEventStatus;
  startTime?: Date;
  endTime?: Date;
}

interface LifecycleReport {
  readonly lifecycleEventHookExecutionId: string;
  readonly lifecycleEventName: LifecycleEventName;
  readonly status: HookStatus;
  readonly at: Date;
}

interface HookRecord {
  readonly id: string;
  readonly eventName: HookableLifecycleEventName;
  status: 'Pending' | HookStatus;
  readonly resolve: (status: HookStatus) => void;
  readonly view: LifecycleHook;
}

interface DeploymentRecord {
  readonly deploymentId: string;
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly deploymentConfigName: string;
  readonly creator: string;
  readonly createTime: Date;
  readonly targetId: string;
  readonly targetArn: string;
  status: DeploymentStatus;
  startTime?: Date;
  completeTime?: Date;
  errorInformation?: ErrorDetails;
  rollbackMessage?: string;
  /** The AppSpec content the deployment was created with (CodeDeployToECS passes it inline). */
  readonly appSpecContent?: string;
  lastUpdatedAt: Date;
  readonly lifecycleEvents: LifecycleEventState[];
  taskSets: TaskSetInfo[];
  /** Set by the first StopDeployment. */
  stopRequest?: StopRequest;
  /** Aborted by StopDeployment. */
  readonly stopping: AbortController;
  /** The wait the deployment is in, which ContinueDeployment of the same type ends. */
  pendingWait?: { readonly type: DeploymentWaitType; readonly end: () => void };
  readonly hooks: Map<string, HookRecord>;
  readonly reports: LifecycleReport[];
  readonly settled: Promise<DeploymentRecord>;
}

/** A lifecycle hook opened by a driver, waiting for PutLifecycleEventHookExecutionStatus. */
interface LifecycleHook {
  readonly lifecycleEventHookExecutionId: string;
  readonly deploymentId: string;
  readonly lifecycleEventName: HookableLifecycleEventName;
  /** Resolves with the first status reported for this hook execution. */
  readonly result: Promise<HookStatus>;
}

interface FinishOptions {
  /** Records rollbackInfo (the driver is expected to have moved traffic back to blue). Default true. */
  readonly rollback?: boolean;
}

interface StopOptions extends FinishOptions {
  /** Default MANUAL_STOP, as for StopDeployment. */
  readonly error?: ErrorDetails;
}

/** What a deployment driver may do to its deployment. */
interface DeploymentHandle {
  readonly deploymentId: string;
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly deploymentConfigName: string;
  /** The registered deployment group, if any (listeners, target groups). */
  readonly deploymentGroup: DeploymentGroupRecord | undefined;
  /** Set when a pipeline action created the deployment. */
  readonly pipeline: { readonly name: string; readonly executionId: string; readonly actionName: string } | undefined;
  /** Current state, as GetDeployment / GetDeploymentTarget would show it. */
  status(): DeploymentStatus;
  /** Set once StopDeployment was called: the driver's signal aborts at the same moment. */
  stopRequest(): StopRequest | undefined;
  lifecycleEvents(): readonly LifecycleEventState[];
  taskSets(): readonly TaskSetInfo[];
  /** Sets one lifecycle event's status; start and end times follow from the transitions. */
  setLifecycleEvent(name: LifecycleEventName, status: LifecycleEventStatus): void;
  setTaskSets(taskSets: readonly TaskSetInfo[]): void;
  /** Changes the production traffic weights of the BLUE and GREEN task sets. */
  setTrafficWeights(weights: { readonly blue: number; readonly green: number }): void;
  /** Marks the event InProgress and opens a hook execution that the hook Lambda reports on (hookable events only). */
  startHook(name: HookableLifecycleEventName): LifecycleHook;
  /**
   * Waits up to `scenarioSeconds` for ContinueDeployment of `type`: READY_WAIT shows the deployment Ready meanwhile,
   * TERMINATION_WAIT keeps it InProgress. Rejects when `signal` aborts.
   */
  waitFor(type: DeploymentWaitType, scenarioSeconds: number, signal: AbortSignal): Promise<WaitOutcome>;
  succeed(): void;
  fail(error: ErrorDetails, options?: FinishOptions): void;
  /** Ends the deployment Stopped (e.g. after StopDeployment), with rollback info by default. */
  stopped(options?: StopOptions): void;
}

interface CreateDeploymentRequest {
  readonly applicationName: string;
  readonly deploymentGroupName: string;
  readonly creator?: string;
  readonly pipeline?: DeploymentHandle['pipeline'];
  readonly appSpecContent?: string;
}

const TERMINAL: readonly DeploymentStatus[] = [DEPLOYMENT_STATUS.Succeeded, DEPLOYMENT_STATUS.Failed, DEPLOYMENT_STATUS.Stopped];
const TERMINAL_EVENT: readonly LifecycleEventStatus[] = [LIFECYCLE_EVENT_STATUS.Succeeded, LIFECYCLE_EVENT_STATUS.Failed, LIFECYCLE_EVENT_STATUS.Skipped];
const DEPLOYMENT_ID = /^d-[A-Z0-9]{9}$/;

/** CodeDeploy applications' deployment groups, ECS deployments and their lifecycle hook executions. */
class DeploymentStore {
  readonly #clock: SimClock;
  readonly #random: SeededRandom;
  readonly #region: string;
  readonly #account: string;
  readonly #groups = new Map<string, DeploymentGroupRecord>();
  readonly #deployments = new Map<string, DeploymentRecord>();
  readonly #settle = new Map<string, (record: DeploymentRecord) => void>();
  readonly #pipelines = new Map<string, DeploymentHandle['pipeline']>();
  readonly #hookListeners = new Set<(hook: LifecycleHook) => void>();

  constructor(options: { clock: SimClock; random: SeededRandom; region: string; account: string }) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#region = options.region;
    this.#account = options.account;
  }

  addGroup(spec: DeploymentGroupSpec): DeploymentGroupRecord {
    const termination = spec.terminationWaitTimeInMinutes ?? 0;
    const ready = spec.deploymentReadyOption?.waitTimeInMinutes ?? 0;
    if (!(termination >= 0 && termination <= 2880) || !(ready >= 0 && ready <= 2880)) {
      throw new SimulatorUsageError(
        `Deployment group "${spec.deploymentGroupName}": terminationWaitTimeInMinutes and deploymentReadyOption.waitTimeInMinutes must be 0-2880 minutes.`,
      );
    }
    const record = { ...spec, deploymentGroupId: this.#random.uuid() };
    this.#groups.set(groupKey(spec.applicationName, spec.deploymentGroupName), record);
    return record;
  }

  group(applicationName: string, deploymentGroupName: string): DeploymentGroupRecord | undefined {
    return this.#groups.get(groupKey(applicationName, deploymentGroupName));
  }

  hasApplication(applicationName: string): boolean {
    return [...this.#groups.values()].some((group) => group.applicationName === applicationName);
  }

  /** CreateDeployment: one active deployment per deployment group, as CodeDeploy allows. */
  create(request: CreateDeploymentRequest): DeploymentHandle {
    const group = this.group(request.applicationName, request.deploymentGroupName);
    const active = [...this.#deployments.values()].find(
      (candidate) =>
        candidate.applicationName === request.applicationName &&
        candidate.deploymentGroupName === request.deploymentGroupName &&
        !TERMINAL.includes(candidate.status),
    );
    if (active !== undefined) {
      throw new AwsServiceError('DeploymentLimitExceededException', `The Deployment Group '${request.deploymentGroupName}' already has an active Deployment.`);
    }
    const deploymentId = `d-${this.#random.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 9)}`;
    const clusterName = group?.clusterName ?? 'cluster';
    const serviceName = group?.serviceName ?? 'service';
    const now = this.#clock.now();
    let settle: (record: DeploymentRecord) => void = () => undefined;
    const settled = new Promise<DeploymentRecord>((resolve) => {
      settle = resolve;
    });
    const record: DeploymentRecord = {
      deploymentId,
      applicationName: request.applicationName,
      deploymentGroupName: request.deploymentGroupName,
      deploymentConfigName: group?.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce',
      creator: request.creator ?? 'user',
      createTime: now,
      startTime: now,
      targetId: `${clusterName}:${serviceName}`,
      targetArn: `arn:aws:ecs:${this.#region}:${this.#account}:service/${clusterName}/${serviceName}`,
      status: DEPLOYMENT_STATUS.InProgress,
      lastUpdatedAt: now,
      lifecycleEvents: ECS_LIFECYCLE_EVENTS.map((lifecycleEventName) => ({ lifecycleEventName, status: LIFECYCLE_EVENT_STATUS.Pending })),
      taskSets: [
        {
          identifier: `ecs-svc/${this.#random.fromAlphabet('0123456789', 19)}`,
          taskSetLabel: 'BLUE',
          desiredCount: 2,
          runningCount: 2,
          pendingCount: 0,
          status: 'PRIMARY',
          trafficWeight: 100,
          targetGroupName: group?.targetGroups[0] ?? 'blue',
        },
      ],
      stopping: new AbortController(),
      hooks: new Map(),
      reports: [],
      settled,
      ...(request.appSpecContent === undefined ? {} : { appSpecContent: request.appSpecContent }),
    };
    this.#deployments.set(deploymentId, record);
    this.#settle.set(deploymentId, settle);
    this.#pipelines.set(deploymentId, request.pipeline);
    return this.handle(deploymentId);
  }

  /** Aborts when StopDeployment stops the deployment. */
  stopSignal(deploymentId: string): AbortSignal {
    return this.get(deploymentId).stopping.signal;
  }

  /** StopDeployment: records the request and aborts the driver's signal; the driver rolls back and ends it Stopped. */
  stop(deploymentId: string, autoRollbackEnabled: boolean): void {
    const record = this.get(deploymentId);
    if (TERMINAL.includes(record.status)) {
      throw new AwsServiceError('DeploymentAlreadyCompletedException', `Deployment ${deploymentId} has already completed (${record.status}).`);
    }
    record.stopRequest ??= { autoRollbackEnabled };
    record.lastUpdatedAt = this.#clock.now();
    record.stopping.abort(new Error(`Deployment ${deploymentId} was stopped (StopDeployment).`));
  }

  /** ContinueDeployment: ends the wait of that type the deployment is in. */
  continueDeployment(deploymentId: string, waitType: string): void {
    const record = this.get(deploymentId);
    if (waitType !== DEPLOYMENT_WAIT_TYPE.Ready && waitType !== DEPLOYMENT_WAIT_TYPE.Termination) {
      throw new AwsServiceError('InvalidDeploymentWaitTypeException', `The wait type "${waitType}" is not valid: use READY_WAIT or TERMINATION_WAIT.`);
    }
    if (TERMINAL.includes(record.status)) {
      throw new AwsServiceError('DeploymentAlreadyCompletedException', `Deployment ${deploymentId} has already completed (${record.status}).`);
    }
    if (record.pendingWait?.type !== waitType) {
      throw waitType === DEPLOYMENT_WAIT_TYPE.Ready
        ? new AwsServiceError('DeploymentIsNotInReadyStateException', `Deployment ${deploymentId} is ${record.status}, not Ready: it cannot continue yet.`)
        : new AwsServiceError('InvalidDeploymentStatusException', `Deployment ${deploymentId} is not waiting to terminate its original task set.`);
    }
    record.pendingWait.end();
  }

  get(deploymentId: string): DeploymentRecord {
    if (!DEPLOYMENT_ID.test(deploymentId)) {
      throw new AwsServiceError('InvalidDeploymentIdException', `The deployment ID "${deploymentId}" is not valid (expected d-XXXXXXXXX).`);
    }
    const record = this.#deployments.get(deploymentId);
    if (record === undefined) {
      throw new AwsServiceError('DeploymentDoesNotExistException', `The deployment ${deploymentId} could not be found.`);
    }
    return record;
  }

  find(deploymentId: string): DeploymentRecord | undefined {
    return this.#deployments.get(deploymentId);
  }

  /** PutLifecycleEventHookExecutionStatus, with CodeDeploy's errors. */
  report(deploymentId: string, hookId: string, status: string): LifecycleReport {
    const record = this.get(deploymentId);
    const hook = record.hooks.get(hookId);
    if (hook === undefined) {
      throw new AwsServiceError(
        'InvalidLifecycleEventHookExecutionIdException',
        `The lifecycle event hook execution ID "${hookId}" does not belong to deployment ${deploymentId}.`,
      );
    }
    if (status !== 'Succeeded' && status !== 'Failed') {
      throw new AwsServiceError(
        'InvalidLifecycleEventHookExecutionStatusException',
        `The lifecycle event hook execution status "${status}" is not valid: report Succeeded or Failed.`,
      );
    }
    if (hook.status !== 'Pending' || TERMINAL.includes(record.status)) {
      throw new AwsServiceError(
        'LifecycleEventAlreadyCompletedException',
        `The lifecycle event ${hook.eventName} of deployment ${deploymentId} has already completed.`,
      );
    }
    hook.status = status;
    const report: LifecycleReport = { lifecycleEventHookExecutionId: hookId, lifecycleEventName: hook.eventName, status, at: this.#clock.now() };
    record.reports.push(report);
    this.#setEvent(record, hook.eventName, status === 'Succeeded' ? LIFECYCLE_EVENT_STATUS.Succeeded : LIFECYCLE_EVENT_STATUS.Failed);
    hook.resolve(status);
    return report;
  }

  handle(deploymentId: string): DeploymentHandle {
    const record = this.get(deploymentId);
    const mutable = (): DeploymentRecord => {
      if (TERMINAL.includes(record.status)) {
        throw new SimulatorUsageError(`Deployment ${deploymentId} has already ended ${record.status}; a driver cannot change it any more.`);
      }
      record.lastUpdatedAt = this.#clock.now();
      return record;
    };
    const finish = (status: DeploymentStatus, error: ErrorDetails | undefined, options: FinishOptions | undefined): void => {
      const target = mutable();
      target.status = status;
      target.completeTime = this.#clock.now();
      if (error !== undefined) {
        target.errorInformation = error;
      }
      if (error !== undefined && options?.rollback !== false) {
        target.rollbackMessage = `Deployment ${deploymentId} was rolled back: traffic returned to the original (blue) task set.`;
      }
      this.#settle.get(deploymentId)?.(target);
    };
    return {
      deploymentId,
      applicationName: record.applicationName,
      deploymentGroupName: record.deploymentGroupName,
      deploymentConfigName: record.deploymentConfigName,
      deploymentGroup: this.group(record.applicationName, record.deploymentGroupName),
      pipeline: this.#pipelines.get(deploymentId),
      status: () => record.status,
      stopRequest: () => record.stopRequest,
      lifecycleEvents: () => record.lifecycleEvents,
      taskSets: () => record.taskSets,
      setLifecycleEvent: (name, status) => this.#setEvent(mutable(), name, status),
      setTaskSets: (taskSets) => {
        mutable().taskSets = [...taskSets];
      },
      setTrafficWeights: (weights) => {
        const target = mutable();
        target.taskSets = target.taskSets.map((taskSet) => ({
          ...taskSet,
          trafficWeight: taskSet.taskSetLabel === 'BLUE' ? weights.blue : weights.green,
        }));
      },
      startHook: (name) => this.#openHook(mutable(), name),
      waitFor: (type, scenarioSeconds, signal) => this.#wait(mutable(), type, scenarioSeconds, signal),
      succeed: () => finish(DEPLOYMENT_STATUS.Succeeded, undefined, undefined),
      fail: (error, options) => finish(DEPLOYMENT_STATUS.Failed, error, options),
      stopped: (options) =>
        finish(DEPLOYMENT_STATUS.Stopped, options?.error ?? { code: 'MANUAL_STOP', message: `Deployment ${deploymentId} was stopped.` }, options),
    };
  }

  async #wait(record: DeploymentRecord, type: DeploymentWaitType, scenarioSeconds: number, signal: AbortSignal): Promise<WaitOutcome> {
    const continued = new AbortController();
    record.pendingWait = { type, end: () => continued.abort() };
    if (type === DEPLOYMENT_WAIT_TYPE.Ready) {
      record.status = DEPLOYMENT_STATUS.Ready;
    }
    try {
      await this.#clock.sleep(scenarioSeconds, AbortSignal.any([signal, continued.signal]));
      return 'elapsed';
    } catch (error) {
      if (continued.signal.aborted && !signal.aborted && !this.#clock.shutdownSignal.aborted) {
        return 'continued';
      }
      throw error;
    } finally {
      delete record.pendingWait;
      if (record.status === DEPLOYMENT_STATUS.Ready) {
        record.status = DEPLOYMENT_STATUS.InProgress;
      }
      record.lastUpdatedAt = this.#clock.now();
    }
  }

  /** Calls `listener` with every hook a driver opens (scripted or external): what CodeDeploy's Lambda invoke would do. */
  onHook(listener: (hook: LifecycleHook) => void): () => void {
    this.#hookListeners.add(listener);
    return () => this.#hookListeners.delete(listener);
  }

  /** Hook executions still waiting for a report (none once the deployment has ended). */
  openHooks(deploymentId: string): LifecycleHook[] {
    const record = this.get(deploymentId);
    if (TERMINAL.includes(record.status)) {
      return [];
    }
    return [...record.hooks.values()]
      .filter((hook) => hook.status === 'Pending')
      .map((hook) => hook.view);
  }

  #openHook(record: DeploymentRecord, name: HookableLifecycleEventName): LifecycleHook {
    assertHookable(name);
    this.#setEvent(record, name, LIFECYCLE_EVENT_STATUS.InProgress);
    const id = this.#random.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 48);
    let resolve: (status: HookStatus) => void = () => undefined;
    const result = new Promise<HookStatus>((done) => {
      resolve = done;
    });
    const view: LifecycleHook = { lifecycleEventHookExecutionId: id, deploymentId: record.deploymentId, lifecycleEventName: name, result };
    record.hooks.set(id, { id, eventName: name, status: 'Pending', resolve, view });
    for (const listener of this.#hookListeners) {
      listener(view);
    }
    return view;
  }

  #setEvent(record: DeploymentRecord, name: LifecycleEventName, status: LifecycleEventStatus): void {
    const event = record.lifecycleEvents.find((candidate) => candidate.lifecycleEventName === name);
    if (event === undefined) {
      throw new SimulatorUsageError(`"${name}" is not an ECS lifecycle event (expected one of ${ECS_LIFECYCLE_EVENTS.join(', ')}).`);
    }
    const now = this.#clock.now();
    if (status !== LIFECYCLE_EVENT_STATUS.Pending && event.startTime === undefined) {
      event.startTime = now;
    }
    if (TERMINAL_EVENT.includes(status)) {
      event.endTime = now;
    }
    event.status = status;
    record.lastUpdatedAt = now;
  }
}

/** Drivers and in-process callers may open hooks only where an ECS AppSpec can declare them. */
const assertHookable = (event: string): void => {
  if (!isHookable(event)) {
    throw new SimulatorUsageError(`${event} runs no hooks in an ECS deployment (hookable: ${HOOKABLE_LIFECYCLE_EVENTS.join(', ')}).`);
  }
};

const groupKey = (applicationName: string, deploymentGroupName: string): string => `${applicationName}\u0000${deploymentGroupName}`;

export { assertHookable, DEPLOYMENT_STATUS, type DeploymentStatus, DeploymentStore, DEPLOYMENT_WAIT_TYPE, type DeploymentWaitType, LIFECYCLE_EVENT_STATUS, type LifecycleEventStatus };
export type {
  CreateDeploymentRequest,
  DeploymentGroupRecord,
  DeploymentGroupSpec,
  DeploymentHandle,
  DeploymentReadyOption,
  DeploymentRecord,
  FinishOptions,
  HookStatus,
  LifecycleEventState,
  LifecycleHook,
  LifecycleReport,
  StopOptions,
  StopRequest,
  TaskSetInfo,
  WaitOutcome,
};
