import type { DeploymentGroupSpec } from './engine/deployment-store.js';
import type { LoadBalancerSpec } from './engine/load-balancer-store.js';
import { SimulatorScenarioError } from './errors.js';
import { validateScenario, type PipelineScenario } from './scenario.js';
import type { Simulator } from './simulator.js';

/**
 * Everything a CLI scenario file can set up. Deployment groups name their listeners either by ARN or as
 * `loadBalancerName:port`, since listener ARNs are only made when the load balancer is added.
 */
interface SimulatorWorld {
  readonly pipelines: readonly PipelineScenario[];
  readonly loadBalancers?: readonly (LoadBalancerSpec & { readonly name: string })[];
  readonly deploymentGroups?: readonly DeploymentGroupSpec[];
}

const LISTENER_REFERENCE = /^([^:]+):(\d+)$/;

/** Reads a parsed scenario file: a pipeline scenario, an array of them, or a world object. */
const worldFrom = (parsed: unknown, source: string): SimulatorWorld => {
  if (Array.isArray(parsed)) {
    return { pipelines: parsed as PipelineScenario[] };
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new SimulatorScenarioError(`${source} must hold a pipeline scenario, an array of them, or { "pipelines": [...] }.`);
  }
  if ('pipelines' in parsed) {
    if (!Array.isArray(parsed.pipelines)) {
      throw new SimulatorScenarioError(`${source}: "pipelines" must be an array of pipeline scenarios.`);
    }
    return parsed as SimulatorWorld;
  }
  return { pipelines: [parsed as PipelineScenario] };
};

/** Checks every part of the world before anything is created, naming what is wrong. */
const validateWorld = (world: SimulatorWorld): void => {
  world.pipelines.forEach(validateScenario);
  for (const balancer of world.loadBalancers ?? []) {
    if (typeof balancer.name !== 'string' || typeof balancer.dnsName !== 'string' || !Array.isArray(balancer.listeners)) {
      throw new SimulatorScenarioError(
        `Load balancer ${JSON.stringify(balancer.name)}: expected { "name", "dnsName", "scheme", "listeners": [{ "port", "protocol" }] }.`,
      );
    }
  }
  for (const group of world.deploymentGroups ?? []) {
    if (
      typeof group.applicationName !== 'string' ||
      typeof group.deploymentGroupName !== 'string' ||
      !Array.isArray(group.prodListenerArns) ||
      !Array.isArray(group.testListenerArns) ||
      !Array.isArray(group.targetGroups)
    ) {
      throw new SimulatorScenarioError(
        `Deployment group ${JSON.stringify(group.deploymentGroupName)}: expected { "applicationName", "deploymentGroupName", "prodListenerArns": [], "testListenerArns": [], "targetGroups": [] }.`,
      );
    }
  }
  const ports = new Map((world.loadBalancers ?? []).map((balancer) => [balancer.name, new Set(balancer.listeners.map((listener) => listener.port))]));
  for (const group of world.deploymentGroups ?? []) {
    for (const reference of [...group.prodListenerArns, ...group.testListenerArns]) {
      const match = LISTENER_REFERENCE.exec(reference);
      if (!reference.startsWith('arn:') && (match === null || ports.get(match[1] ?? '')?.has(Number(match[2])) !== true)) {
        throw new SimulatorScenarioError(
          `Deployment group "${group.deploymentGroupName}": listener "${reference}" is neither an ARN nor loadBalancerName:port of a listener in "loadBalancers".`,
        );
      }
    }
  }
};

/** Adds the world's load balancers, deployment groups (listener references resolved) and pipelines. */
const applyWorld = (sim: Simulator, world: SimulatorWorld): void => {
  const listenerArns = new Map<string, string>();
  for (const balancer of world.loadBalancers ?? []) {
    const arns = sim.elbv2.addLoadBalancer(balancer);
    balancer.listeners.forEach((listener, index) => listenerArns.set(`${balancer.name}:${listener.port}`, arns.listenerArns[index] ?? ''));
  }
  const resolve = (references: readonly string[]): string[] => references.map((reference) => listenerArns.get(reference) ?? reference);
  for (const group of world.deploymentGroups ?? []) {
    sim.codedeploy.addDeploymentGroup({ ...group, prodListenerArns: resolve(group.prodListenerArns), testListenerArns: resolve(group.testListenerArns) });
  }
  world.pipelines.forEach((pipeline) => sim.addPipeline(pipeline));
};

export { applyWorld, validateWorld, worldFrom };
export type { SimulatorWorld };
