import type {
  CodeDeployClient,
  GetDeploymentCommandOutput,
  GetDeploymentGroupCommandOutput,
  PutLifecycleEventHookExecutionStatusCommandInput,
  PutLifecycleEventHookExecutionStatusCommandOutput,
} from '@aws-sdk/client-codedeploy';
import type {
  DescribeListenersCommandOutput,
  DescribeLoadBalancersCommandOutput,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as AwsSdk from './aws-sdk.js';

/** SDK clients to use instead of ones created from the environment (AWS_REGION, AWS_ENDPOINT_URL_<SERVICE>). */
interface AwsClients {
  readonly codeDeploy?: CodeDeployClient;
  readonly elbv2?: ElasticLoadBalancingV2Client;
}

/** The AWS calls of the hook; every call takes the abort signal of its attempt. */
interface AwsApi {
  getDeployment(deploymentId: string, signal: AbortSignal): Promise<GetDeploymentCommandOutput>;
  getDeploymentGroup(
    applicationName: string,
    deploymentGroupName: string,
    signal: AbortSignal,
  ): Promise<GetDeploymentGroupCommandOutput>;
  putLifecycleEventHookExecutionStatus(
    input: PutLifecycleEventHookExecutionStatusCommandInput,
    signal: AbortSignal,
  ): Promise<PutLifecycleEventHookExecutionStatusCommandOutput>;
  describeListener(listenerArn: string, signal: AbortSignal): Promise<DescribeListenersCommandOutput>;
  describeLoadBalancer(loadBalancerArn: string, signal: AbortSignal): Promise<DescribeLoadBalancersCommandOutput>;
}

// Our own deadline-aware retry loop decides about retries, so the SDK makes one attempt, and a slow answer is
// cut short instead of eating the time left for reporting.
const CLIENT_CONFIG = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 },
} as const;

/** Loads the SDK on the first call and keeps the clients (and their keep-alive connections) for later calls. */
const createAwsApi = (clients: AwsClients = {}): AwsApi => {
  let loaded: Promise<{ sdk: typeof AwsSdk; codeDeploy: CodeDeployClient; elbv2: ElasticLoadBalancingV2Client }> | undefined;
  const load = () =>
    (loaded ??= import('./aws-sdk.js').then((sdk) => ({
      sdk,
      codeDeploy: clients.codeDeploy ?? new sdk.CodeDeployClient(CLIENT_CONFIG),
      elbv2: clients.elbv2 ?? new sdk.ElasticLoadBalancingV2Client(CLIENT_CONFIG),
    })));
  return {
    getDeployment: async (deploymentId, abortSignal) => {
      const { sdk, codeDeploy } = await load();
      return codeDeploy.send(new sdk.GetDeploymentCommand({ deploymentId }), { abortSignal });
    },
    getDeploymentGroup: async (applicationName, deploymentGroupName, abortSignal) => {
      const { sdk, codeDeploy } = await load();
      return codeDeploy.send(new sdk.GetDeploymentGroupCommand({ applicationName, deploymentGroupName }), { abortSignal });
    },
    putLifecycleEventHookExecutionStatus: async (input, abortSignal) => {
      const { sdk, codeDeploy } = await load();
      return codeDeploy.send(new sdk.PutLifecycleEventHookExecutionStatusCommand(input), { abortSignal });
    },
    describeListener: async (listenerArn, abortSignal) => {
      const { sdk, elbv2 } = await load();
      return elbv2.send(new sdk.DescribeListenersCommand({ ListenerArns: [listenerArn] }), { abortSignal });
    },
    describeLoadBalancer: async (loadBalancerArn, abortSignal) => {
      const { sdk, elbv2 } = await load();
      return elbv2.send(new sdk.DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancerArn] }), { abortSignal });
    },
  };
};

export { createAwsApi };
export type { AwsApi, AwsClients };
