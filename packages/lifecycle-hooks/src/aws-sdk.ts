// The AWS SDK pieces the hook uses, gathered so the bundle loads them in one lazy chunk: an ECS native hook
// never needs them, and a CodeDeploy hook pays for them only when it calls AWS.
export {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
export {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
