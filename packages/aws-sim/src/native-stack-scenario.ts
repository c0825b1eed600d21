import type { EcsBlueGreenServiceSpec, EcsLifecycleHookSpec } from './engine/service-deployment-store.js';
import type { PipelineScenario } from './scenario.js';
import type { Simulator } from './simulator.js';
import { GREENLIGHT_ACTIONS, greenlightPipelineScenario, type GreenlightPipelineOptions } from './stack-scenario.js';

interface GreenlightNativePipelineOptions
  extends Omit<GreenlightPipelineOptions, 'applicationName' | 'deploymentGroupName' | 'imagePlaceholder' | 'deployment' | 'appSpec'> {
  /** Default `<name>`. */
  readonly clusterName?: string;
  /** Default `<name>`. */
  readonly serviceName?: string;
}

/**
 * The greenlight pipeline with `deployment_controller = "ECS"`: Source → Build → Deploy, where Deploy is
 * CodePipeline's `ECS` action (ClusterName, ServiceName, FileName imagedefinitions.json, which the build writes).
 */
const greenlightNativePipelineScenario = (options: GreenlightNativePipelineOptions): PipelineScenario => {
  const base = greenlightPipelineScenario(options);
  return {
    ...base,
    stages: base.stages.map((stage) =>
      stage.name !== GREENLIGHT_ACTIONS.Deploy
        ? stage
        : {
            ...stage,
            actions: stage.actions.map((action) => ({
              ...action,
              provider: 'ECS',
              configuration: {
                ClusterName: options.clusterName ?? options.name,
                ServiceName: options.serviceName ?? options.name,
                FileName: 'imagedefinitions.json',
              },
              ...options.actions?.Deploy,
            })),
          },
    ),
  };
};

interface NativeStackOptions {
  readonly name: string;
  /** Default `<name>`. */
  readonly clusterName?: string;
  /** Default `<name>`. */
  readonly serviceName?: string;
  readonly bakeTimeInMinutes?: number;
  readonly strategy?: EcsBlueGreenServiceSpec['strategy'];
  readonly linearConfiguration?: EcsBlueGreenServiceSpec['linearConfiguration'];
  readonly canaryConfiguration?: EcsBlueGreenServiceSpec['canaryConfiguration'];
  readonly lifecycleHooks?: readonly EcsLifecycleHookSpec[];
  readonly alarms?: EcsBlueGreenServiceSpec['alarms'];
  /** Scenario seconds per lifecycle stage. */
  readonly stageSeconds?: number;
  /** Caps ListServiceDeployments pages. */
  readonly listPageSize?: number;
}

interface NativeStack {
  readonly serviceArn: string;
  readonly productionListenerRuleArn: string;
  readonly testListenerRuleArn: string;
  /** Blue (production before the first deployment) first. */
  readonly targetGroupArns: readonly [string, string];
}

/**
 * The load balancer side of the native stack (production listener :80, test listener :8443, a forward rule on each
 * naming both target groups, production on blue) and the blue/green service behind them.
 */
const addNativeBlueGreenStack = (sim: Simulator, options: NativeStackOptions): NativeStack => {
  const { listenerArns } = sim.elbv2.addLoadBalancer({
    name: options.name,
    dnsName: `${options.name}-123456789.${sim.region}.elb.amazonaws.com`,
    scheme: 'internet-facing',
    listeners: [
      { port: 80, protocol: 'HTTP' },
      { port: 8443, protocol: 'HTTP' },
    ],
  });
  const targetGroupArn = (color: string): string =>
    `arn:aws:elasticloadbalancing:${sim.region}:123456789012:targetgroup/${options.name}-${color}/${color === 'blue' ? '0123456789abcdef' : 'fedcba9876543210'}`;
  const targetGroupArns = [targetGroupArn('blue'), targetGroupArn('green')] as const;
  const rule = (listenerArn: string | undefined): string =>
    sim.elbv2.addListenerRule({
      listenerArn: listenerArn ?? '',
      priority: 1,
      targetGroups: [
        { targetGroupArn: targetGroupArns[0], weight: 100 },
        { targetGroupArn: targetGroupArns[1], weight: 0 },
      ],
    });
  const productionListenerRuleArn = rule(listenerArns[0]);
  const testListenerRuleArn = rule(listenerArns[1]);
  const serviceArn = sim.ecs.addBlueGreenService({
    clusterName: options.clusterName ?? options.name,
    serviceName: options.serviceName ?? options.name,
    productionListenerRuleArn,
    testListenerRuleArn,
    targetGroupArn: targetGroupArns[0],
    alternateTargetGroupArn: targetGroupArns[1],
    ...(options.bakeTimeInMinutes === undefined ? {} : { bakeTimeInMinutes: options.bakeTimeInMinutes }),
    ...(options.lifecycleHooks === undefined ? {} : { lifecycleHooks: options.lifecycleHooks }),
    ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
    ...(options.alarms === undefined ? {} : { alarms: options.alarms }),
    ...(options.linearConfiguration === undefined ? {} : { linearConfiguration: options.linearConfiguration }),
    ...(options.canaryConfiguration === undefined ? {} : { canaryConfiguration: options.canaryConfiguration }),
    ...(options.stageSeconds === undefined ? {} : { stageSeconds: options.stageSeconds }),
    ...(options.listPageSize === undefined ? {} : { listPageSize: options.listPageSize }),
  });
  return { serviceArn, productionListenerRuleArn, testListenerRuleArn, targetGroupArns };
};

export { addNativeBlueGreenStack, greenlightNativePipelineScenario };
export type { GreenlightNativePipelineOptions, NativeStack, NativeStackOptions };
