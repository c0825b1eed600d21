import type { AwsApi } from './aws-api.js';
import { callAws } from './aws-call.js';
import { describeAwsError } from './aws-errors.js';
import { TestListenerDiscoveryError } from './errors.js';

interface DiscoveryOptions {
  readonly aws: AwsApi;
  readonly deploymentId: string;
  /** Epoch milliseconds: discovery is part of the check budget. */
  readonly deadline: number;
}

// Listener protocols that carry HTTP to the targets, and the scheme to speak to them.
const SCHEME_BY_PROTOCOL: Readonly<Record<string, string>> = {
  HTTP: 'http',
  HTTPS: 'https',
  TCP: 'http',
  TLS: 'https',
};

const call = async <T>(options: DiscoveryOptions, action: string, permission: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  try {
    return await callAws(send, { deadline: options.deadline });
  } catch (error) {
    throw new TestListenerDiscoveryError(`Test listener discovery: ${describeAwsError(error, action, permission)}`, {
      cause: error,
    });
  }
};

/**
 * Finds the URL of green behind the test listener of a CodeDeploy deployment: GetDeployment → GetDeploymentGroup
 * → testTrafficRoute.listenerArns → DescribeListeners (port, protocol) → DescribeLoadBalancers (DNS name).
 */
const discoverTestListenerUrl = async (options: DiscoveryOptions): Promise<string> => {
  const { aws } = options;
  const deployment = await call(options, `GetDeployment ${options.deploymentId}`, 'codedeploy:GetDeployment', (abortSignal) =>
    aws.getDeployment(options.deploymentId, abortSignal),
  );
  const applicationName = deployment.deploymentInfo?.applicationName;
  const deploymentGroupName = deployment.deploymentInfo?.deploymentGroupName;
  if (applicationName === undefined || deploymentGroupName === undefined) {
    throw new TestListenerDiscoveryError(
      `Deployment ${options.deploymentId} names no application or deployment group: set targetUrl in GREENLIGHT_CONFIG.`,
    );
  }
  const group = await call(options, `GetDeploymentGroup ${deploymentGroupName}`, 'codedeploy:GetDeploymentGroup', (abortSignal) =>
    aws.getDeploymentGroup(applicationName, deploymentGroupName, abortSignal),
  );
  const listenerArn = (group.deploymentGroupInfo?.loadBalancerInfo?.targetGroupPairInfoList ?? [])
    .flatMap((pair) => pair.testTrafficRoute?.listenerArns ?? [])
    .at(0);
  if (listenerArn === undefined) {
    throw new TestListenerDiscoveryError(
      `Deployment group ${deploymentGroupName} has no test traffic route: add testTrafficRoute.listenerArns to its ` +
        'target group pair (Terraform: test_traffic_route) or set targetUrl in GREENLIGHT_CONFIG.',
    );
  }
  const listeners = await call(options, `DescribeListeners ${listenerArn}`, 'elasticloadbalancing:DescribeListeners', (abortSignal) =>
    aws.describeListener(listenerArn, abortSignal),
  );
  const listener = listeners.Listeners?.[0];
  const scheme = SCHEME_BY_PROTOCOL[listener?.Protocol ?? ''];
  if (listener?.LoadBalancerArn === undefined || listener.Port === undefined || scheme === undefined) {
    throw new TestListenerDiscoveryError(
      `Test listener ${listenerArn} is not an HTTP(S) listener with a port and load balancer ` +
        `(protocol ${listener?.Protocol ?? 'unknown'}): set targetUrl in GREENLIGHT_CONFIG.`,
    );
  }
  const loadBalancerArn = listener.LoadBalancerArn;
  const balancers = await call(
    options,
    `DescribeLoadBalancers ${loadBalancerArn}`,
    'elasticloadbalancing:DescribeLoadBalancers',
    (abortSignal) => aws.describeLoadBalancer(loadBalancerArn, abortSignal),
  );
  const dnsName = balancers.LoadBalancers?.[0]?.DNSName;
  if (dnsName === undefined) {
    throw new TestListenerDiscoveryError(`Load balancer ${loadBalancerArn} has no DNS name: set targetUrl in GREENLIGHT_CONFIG.`);
  }
  return `${scheme}://${dnsName}:${listener.Port}`;
};

export { discoverTestListenerUrl };
export type { DiscoveryOptions };
