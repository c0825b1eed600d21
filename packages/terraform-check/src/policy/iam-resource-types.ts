// Actions the Service Authorization Reference lists with no resource type (read 2026-06): IAM evaluates them
// against "*", so a statement naming an ARN never allows them. Every other action a module grants is taken to
// support resource-level permissions (checkov CKV_AWS_355 reasons the same way).

const REFERENCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference';

const sources = {
  codedeploy: `${REFERENCE}/list_awscodedeploy.html`,
  elasticloadbalancing: `${REFERENCE}/list_awselasticloadbalancingv2.html`,
  ecr: `${REFERENCE}/list_amazonelasticcontainerregistry.html`,
  ecs: `${REFERENCE}/list_amazonelasticcontainerservice.html`,
} as const;

const actionsWithoutResourceTypes: ReadonlyMap<string, string> = new Map(
  (
    [
      ['codedeploy', ['BatchGetDeploymentTargets', 'ContinueDeployment', 'GetDeploymentTarget', 'ListDeploymentTargets', 'PutLifecycleEventHookExecutionStatus', 'StopDeployment']],
      ['elasticloadbalancing', ['DescribeListeners', 'DescribeLoadBalancers', 'DescribeRules', 'DescribeTargetGroups', 'DescribeTargetHealth']],
      ['ecr', ['GetAuthorizationToken']],
      ['ecs', ['DescribeTaskDefinition']],
    ] as const
  ).flatMap(([service, actions]) => actions.map((action) => [`${service}:${action}`.toLowerCase(), sources[service]] as const)),
);

/** The reference page saying the action has no resource type, or undefined when it has one (or is a wildcard). */
const withoutResourceType = (action: string): string | undefined => {
  return actionsWithoutResourceTypes.get(action.toLowerCase());
};

export { withoutResourceType };
