import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type CallRecord } from './call-log.js';
import { SimClock } from './clock.js';
import { AwsServiceError, SimulatorUsageError } from './errors.js';
import { FaultInjector, type FaultSpec } from './faults.js';
import { SeededRandom } from './random.js';
import type { SimulatorCredentials } from './protocol/sigv4.js';
import { createRouter } from './router.js';
import { BuildStore } from './engine/build-store.js';
import { createHookTestDeployment, type CreatedDeployment, type HookTestDeploymentRequest } from './engine/hook-test-deployment.js';
import {
  DeploymentStore,
  type DeploymentGroupSpec,
  type LifecycleEventState,
  type LifecycleHook,
  type LifecycleReport,
  type TaskSetInfo,
} from './engine/deployment-store.js';
import { LoadBalancerStore, type LoadBalancerArns, type LoadBalancerSpec } from './engine/load-balancer-store.js';
import { LogStore } from './engine/log-store.js';
import { EcsBlueGreenDriver, type EcsHookInvoker, type EcsStageObserver } from './engine/ecs-blue-green-driver.js';
import { ListenerRuleStore, type ListenerRuleSpec, type RuleChangeListener, type WeightedTargetGroup } from './engine/listener-rule-store.js';
import { MetricStore, type MetricSeriesSpec } from './engine/metric-store.js';
import { ServiceDeploymentStore, type EcsBlueGreenServiceSpec, type ServiceDeploymentRecord } from './engine/service-deployment-store.js';
import { ecsService } from './services/ecs.js';
import type { ExecutionRecord, SourceRevision } from './engine/execution-record.js';
import { PipelineEngine } from './engine/pipeline-engine.js';
import { scriptedDriver, type DeploymentDriver } from './engine/scripted-driver.js';
import type { ErrorDetails, PipelineScenario } from './scenario.js';
import { cloudWatchService } from './services/cloudwatch.js';
import { codeBuildService } from './services/codebuild.js';
import { codeDeployService } from './services/codedeploy.js';
import { codePipelineService } from './services/codepipeline.js';
import { elbv2Service } from './services/elbv2.js';
import { logsService } from './services/logs.js';

const ACCOUNT = '123456789012';

/** The fake key pair `sim.env` hands out: always accepted. */
const DEFAULT_CREDENTIALS: SimulatorCredentials = {
  accessKeyId: 'AKIAGREENLIGHTSIM000',
  secretAccessKey: 'greenlight-simulator-secret-not-a-real-key',
};

interface SimulatorOptions {
  /** Seeds ids and faults (default 1). */
  readonly seed?: number;
  /** Real seconds per scenario second (default 1; 0.01 plays a 60 s action in 0.6 s, its timestamps 0.6 s apart). */
  readonly timeScale?: number;
  readonly faults?: FaultSpec;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default us-east-1: requests must be signed for this region. */
  readonly region?: string;
  /**
   * More fake key pairs whose SigV4 signatures are accepted, for clients that do not take theirs from `sim.env`
   * (whose pair is always accepted). A request signed with any other key is refused as AWS refuses an unknown one.
   */
  readonly credentials?: readonly SimulatorCredentials[];
}

interface ActionView {
  readonly stageName: string;
  readonly actionName: string;
  readonly actionExecutionId: string;
  readonly status: string;
  readonly startTime: Date;
  readonly lastUpdateTime: Date;
  readonly externalExecutionId?: string;
  readonly externalExecutionUrl?: string;
  readonly summary?: string;
  readonly errorDetails?: ErrorDetails;
}

/** A snapshot of one execution for assertions. */
interface ExecutionView {
  readonly id: string;
  readonly status: string;
  readonly statusSummary?: string;
  /** The newer execution that superseded this one. */
  readonly supersededBy?: string;
  readonly clientRequestToken?: string;
  /** Resolved pipeline variables, by name. */
  readonly variables: Readonly<Record<string, string>>;
  /** The sourceRevisions StartPipelineExecution was called with. */
  readonly sourceRevisions: readonly SourceRevision[];
  readonly trigger: { readonly triggerType: string; readonly triggerDetail: string };
  readonly stop?: { readonly reason?: string; readonly abandon: boolean };
  readonly startTime: Date;
  readonly endTime?: Date;
  /** Stage name → status, for the stages the execution reached. */
  readonly stages: Readonly<Record<string, string>>;
  readonly actions: readonly ActionView[];
}

interface DeploymentView {
  readonly deploymentId: string;
  readonly status: string;
  readonly errorInformation?: ErrorDetails;
  readonly rolledBack: boolean;
  readonly lifecycleEvents: readonly LifecycleEventState[];
  readonly taskSets: readonly TaskSetInfo[];
}

/** A service deployment for assertions: status, stage, revisions, rollback. */
type ServiceDeploymentView = Readonly<
  Pick<ServiceDeploymentRecord, 'serviceDeploymentArn' | 'status' | 'statusReason' | 'lifecycleStage' | 'createdAt' | 'rollback'> & {
    readonly sourceRevisionArn: string;
    readonly targetRevisionArn: string;
  }
>;

interface Simulator {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  /** Environment for child processes and SDK clients: endpoints, region, fake credentials, IMDS off. */
  readonly env: Readonly<Record<string, string>>;
  readonly region: string;
  /** Every operation the simulator implements, as `service:Operation` (IAM prefix). */
  readonly operations: readonly string[];
  readonly calls: readonly CallRecord[];
  callsTo(operation: string): CallRecord[];
  addPipeline(scenario: PipelineScenario): void;
  setFaults(faults: FaultSpec): void;
  /** Executions started while the simulator ran (scenario history excluded), oldest first. */
  executions(pipelineName: string): ExecutionView[];
  /** Resolves with the execution's view once it has ended. */
  waitForExecution(pipelineName: string, executionId: string): Promise<ExecutionView>;
  /** Now: the wall clock, as every timestamp the simulator reports. */
  now(): Date;
  readonly logs: {
    /**
     * Appends events to a CloudWatch Logs stream (creating the group and stream), as Lambda does with a function's
     * stdout: `timestamp` (epoch ms) defaults to now.
     */
    putEvents(logGroupName: string, logStreamName: string, events: readonly { readonly message: string; readonly timestamp?: number }[]): void;
  };
  readonly codedeploy: {
    addDeploymentGroup(spec: DeploymentGroupSpec): void;
    /** A deployment outside any pipeline, InProgress with hooks open; it ends as its hooks report. */
    createDeployment(request: HookTestDeploymentRequest): CreatedDeployment;
    /** Accepted PutLifecycleEventHookExecutionStatus reports, in order. */
    lifecycleReports(deploymentId: string): readonly LifecycleReport[];
    deployment(deploymentId: string): DeploymentView;
    /** Hook executions waiting for a report. */
    openHooks(deploymentId: string): LifecycleHook[];
    /**
     * Calls `listener` whenever a driver (scripted or external) opens a hook, as CodeDeploy would invoke the
     * hook Lambda. Returns an unsubscribe function.
     */
    onHook(listener: (hook: LifecycleHook) => void): () => void;
  };
  readonly elbv2: {
    addLoadBalancer(spec: LoadBalancerSpec): LoadBalancerArns;
    /** A listener rule with a weighted forward action; returns its ARN. */
    addListenerRule(spec: ListenerRuleSpec): string;
    /** The rule's forward target groups and weights now. */
    ruleWeights(ruleArn: string): readonly WeightedTargetGroup[];
    /**
     * Calls `listener(ruleArn, targetGroups)` after every weight change ECS makes to a rule (as ModifyRule would),
     * so a local load balancer can route as the rule says; returns an unsubscribe function.
     */
    onRuleChange(listener: RuleChangeListener): () => void;
  };
  readonly ecs: {
    /** A service with deployment controller ECS and strategy BLUE_GREEN; returns its ARN. */
    addBlueGreenService(spec: EcsBlueGreenServiceSpec): string;
    /** Invokes lifecycle hook functions as ECS does (synchronously, reading the reply); without one, invoking fails. */
    setHookInvoker(invoker: EcsHookInvoker | undefined): void;
    /**
     * Awaited as each service deployment enters a lifecycle stage (forward, or the traffic-shift stages ECS replays
     * during a rollback), so real tasks can be started at SCALE_UP and stopped at CLEAN_UP (after a rollback, once
     * `serviceDeployments` shows it ended); undefined removes it.
     */
    setStageObserver(observer: EcsStageObserver | undefined): void;
    /**
     * Updates the service outside any pipeline (as `aws ecs update-service` would), starting a service deployment;
     * returns its ARN.
     */
    startDeployment(clusterName: string, serviceName: string): string;
    /**
     * A CloudWatch alarm goes into ALARM: in-progress deployments of services watching it (`alarms`) record it and,
     * with `rollback`, roll back. Returns the ARNs of the deployments rolled back.
     */
    triggerAlarm(alarmName: string): string[];
    /** The service's deployments, oldest first. */
    serviceDeployments(clusterName: string, serviceName: string): readonly ServiceDeploymentView[];
  };
  readonly cloudwatch: {
    /** Scripts the values GetMetricData returns for one statistic of one metric at one period (merged by timestamp). */
    putMetricSeries(spec: MetricSeriesSpec): void;
  };
  /** Plays CodeDeployToECS actions with `driver` instead of the scripted timeline; undefined restores the script. */
  setDeploymentDriver(driver: DeploymentDriver | undefined): void;
  stop(): Promise<void>;
}

const executionView = (execution: ExecutionRecord): ExecutionView => ({
  id: execution.pipelineExecutionId,
  status: execution.status,
  ...(execution.statusSummary === undefined ? {} : { statusSummary: execution.statusSummary }),
  ...(execution.supersededBy === undefined ? {} : { supersededBy: execution.supersededBy }),
  ...(execution.clientRequestToken === undefined ? {} : { clientRequestToken: execution.clientRequestToken }),
  variables: Object.fromEntries(execution.variables.map((variable) => [variable.name, variable.resolvedValue])),
  sourceRevisions: execution.sourceRevisions,
  trigger: execution.trigger,
  ...(execution.stop === undefined ? {} : { stop: execution.stop }),
  startTime: execution.startTime,
  ...(execution.endTime === undefined ? {} : { endTime: execution.endTime }),
  stages: Object.fromEntries(execution.stages),
  actions: execution.actions.map((run) => ({
    stageName: run.stageName,
    actionName: run.action.name,
    actionExecutionId: run.actionExecutionId,
    status: run.status,
    startTime: run.startTime,
    lastUpdateTime: run.lastUpdateTime,
    ...(run.externalExecutionId === undefined ? {} : { externalExecutionId: run.externalExecutionId }),
    ...(run.externalExecutionUrl === undefined ? {} : { externalExecutionUrl: run.externalExecutionUrl }),
    ...(run.summary === undefined ? {} : { summary: run.summary }),
    ...(run.errorDetails === undefined ? {} : { errorDetails: run.errorDetails }),
  })),
});

/** In-process lookups fail as API misuse, not as an AWS answer: the caller is a test, not an SDK client. */
const inProcess = <T>(lookup: () => T): T => {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof AwsServiceError) {
      throw new SimulatorUsageError(error.message, { cause: error });
    }
    throw error;
  }
};

/** Starts the simulator on 127.0.0.1 and returns its in-process control surface. */
const startSimulator = async (options: SimulatorOptions = {}): Promise<Simulator> => {
  const seed = options.seed ?? 1;
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) {
    throw new SimulatorUsageError(`timeScale must be a number > 0 (real seconds per scenario second), got ${timeScale}.`);
  }
  const region = options.region ?? 'us-east-1';
  const clock = new SimClock(timeScale);
  const random = new SeededRandom(seed);
  const faults = new FaultInjector(seed, options.faults);
  const calls = new CallLog();
  const logs = new LogStore(clock);
  const metrics = new MetricStore();
  const builds = new BuildStore({ clock, random, logs, region, account: ACCOUNT });
  const deployments = new DeploymentStore({ clock, random, region, account: ACCOUNT });
  const loadBalancers = new LoadBalancerStore({ random, region, account: ACCOUNT });
  const listenerRules = new ListenerRuleStore(random);
  const serviceDeployments = new ServiceDeploymentStore({ clock, random, region, account: ACCOUNT });
  let hookInvoker: EcsHookInvoker | undefined;
  let stageObserver: EcsStageObserver | undefined;
  const ecsDriver = new EcsBlueGreenDriver({ clock, random, rules: listenerRules, invoker: () => hookInvoker, stageObserver: () => stageObserver });
  let externalDriver: DeploymentDriver | undefined;
  const engine = new PipelineEngine({
    clock,
    random,
    builds,
    deployments,
    region,
    account: ACCOUNT,
    driverFor: (action) => externalDriver ?? scriptedDriver(clock, action.deployment ?? {}, action.durationSeconds ?? 10),
    serviceDeployments,
    ecsDriver,
  });

  const services = [
    codePipelineService(engine, region, ACCOUNT),
    codeDeployService(deployments),
    codeBuildService(builds, clock),
    logsService(logs),
    elbv2Service(loadBalancers, listenerRules),
    cloudWatchService(metrics),
    ecsService(serviceDeployments),
  ];
  const credentials = new Map([DEFAULT_CREDENTIALS, ...(options.credentials ?? [])].map((pair) => [pair.accessKeyId, pair.secretAccessKey]));
  const server = createServer({ keepAlive: true }, createRouter({ services, faults, calls, account: ACCOUNT, region, credentials }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    region,
    operations: services.flatMap((definition) => Object.keys(definition.operations).map((operation) => `${definition.service}:${operation}`)),
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ENDPOINT_URL_CODEPIPELINE: endpoint,
      AWS_ENDPOINT_URL_CODEDEPLOY: endpoint,
      AWS_ENDPOINT_URL_CODEBUILD: endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: endpoint,
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: endpoint,
      AWS_ENDPOINT_URL_ECS: endpoint,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
    },
    get calls() {
      return calls.records;
    },
    callsTo: (operation) => calls.to(operation),
    addPipeline: (scenario) => engine.add(scenario),
    setFaults: (spec) => faults.set(spec),
    executions: (pipelineName) =>
      inProcess(() => engine.pipeline(pipelineName))
        .executions.filter((execution) => !execution.historical)
        .map(executionView),
    waitForExecution: async (pipelineName, executionId) => {
      const execution = inProcess(() => engine.execution(pipelineName, executionId));
      await execution.done;
      return executionView(execution);
    },
    now: () => clock.now(),
    logs: {
      putEvents: (logGroupName, logStreamName, events) => {
        logs.put(
          logGroupName,
          logStreamName,
          events.map((event) => ({ message: event.message, timestamp: event.timestamp ?? clock.nowMs() })),
        );
      },
    },
    codedeploy: {
      addDeploymentGroup: (spec) => {
        deployments.addGroup(spec);
      },
      createDeployment: (request) => inProcess(() => createHookTestDeployment(deployments, request)),
      lifecycleReports: (deploymentId) => [...inProcess(() => deployments.get(deploymentId)).reports],
      openHooks: (deploymentId) => inProcess(() => deployments.openHooks(deploymentId)),
      onHook: (listener) => deployments.onHook(listener),
      deployment: (deploymentId) => {
        const record = inProcess(() => deployments.get(deploymentId));
        return {
          deploymentId,
          status: record.status,
          ...(record.errorInformation === undefined ? {} : { errorInformation: record.errorInformation }),
          rolledBack: record.rollbackMessage !== undefined,
          lifecycleEvents: record.lifecycleEvents.map((event) => ({ ...event })),
          taskSets: [...record.taskSets],
        };
      },
    },
    elbv2: {
      addLoadBalancer: (spec) => loadBalancers.add(spec, clock.now()),
      addListenerRule: (spec) => {
        if (!loadBalancers.listeners.has(spec.listenerArn)) {
          throw new SimulatorUsageError(`addListenerRule: listener ${spec.listenerArn} was not added with addLoadBalancer.`);
        }
        return listenerRules.add(spec);
      },
      ruleWeights: (ruleArn) => [...inProcess(() => listenerRules.get(ruleArn)).targetGroups],
      onRuleChange: (listener) => listenerRules.onChange(listener),
    },
    ecs: {
      addBlueGreenService: (spec) => {
        for (const ruleArn of [spec.productionListenerRuleArn, spec.testListenerRuleArn]) {
          if (ruleArn !== undefined && !listenerRules.has(ruleArn)) {
            throw new SimulatorUsageError(`addBlueGreenService "${spec.serviceName}": listener rule ${ruleArn} was not added with elbv2.addListenerRule.`);
          }
        }
        return serviceDeployments.addService(spec).serviceArn;
      },
      startDeployment: (clusterName, serviceName) => {
        const service = inProcess(() => serviceDeployments.service(clusterName, serviceName));
        const record = serviceDeployments.create(service);
        void ecsDriver.play(service, record);
        return record.serviceDeploymentArn;
      },
      triggerAlarm: (alarmName) => serviceDeployments.alarm(alarmName).map((record) => record.serviceDeploymentArn),
      setHookInvoker: (invoker) => {
        hookInvoker = invoker;
      },
      setStageObserver: (observer) => {
        stageObserver = observer;
      },
      serviceDeployments: (clusterName, serviceName) =>
        inProcess(() => serviceDeployments.service(clusterName, serviceName)).deployments.map((record) => ({
          serviceDeploymentArn: record.serviceDeploymentArn,
          status: record.status,
          ...(record.statusReason === undefined ? {} : { statusReason: record.statusReason }),
          ...(record.lifecycleStage === undefined ? {} : { lifecycleStage: record.lifecycleStage }),
          createdAt: record.createdAt,
          ...(record.rollback === undefined ? {} : { rollback: record.rollback }),
          sourceRevisionArn: record.source.arn,
          targetRevisionArn: record.target.arn,
        })),
    },
    cloudwatch: {
      putMetricSeries: (spec) => metrics.put(spec),
    },
    setDeploymentDriver: (driver) => {
      externalDriver = driver;
    },
    stop: async () => {
      clock.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};

export { startSimulator };
export type { ActionView, DeploymentView, ExecutionView, ServiceDeploymentView, Simulator, SimulatorOptions };
