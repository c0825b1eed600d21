// Which global condition keys each service documents sending when it assumes a role (cross-service confused-deputy
// prevention). A key a service does not send makes the role unassumable (CodeDeploy, for one, then fails
// CreateDeploymentGroup with InvalidRoleException), so a trust policy uses exactly the keys its source documents.

const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn'] as const;

type SourceKey = (typeof SOURCE_KEYS)[number];

/** The role an ECS principal assumes: the task role (the application) or the task execution role (the agent). */
type RoleUse = 'any' | 'ecs-task-execution';

interface ServiceTrustSource {
  readonly principal: string;
  readonly use: RoleUse;
  readonly keys: readonly SourceKey[];
  readonly source: string;
}

const serviceTrustSources: readonly ServiceTrustSource[] = [
  {
    principal: 'codedeploy.amazonaws.com',
    use: 'any',
    keys: ['aws:SourceAccount', 'aws:SourceArn'],
    source: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/security_confused_deputy.html',
  },
  {
    principal: 'ecs-tasks.amazonaws.com',
    use: 'any',
    keys: ['aws:SourceAccount', 'aws:SourceArn'],
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
  },
  // The execution role page shows a trust policy without conditions and says nothing of source keys.
  {
    principal: 'ecs-tasks.amazonaws.com',
    use: 'ecs-task-execution',
    keys: [],
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
  },
  // ECS itself (native blue/green): both the infrastructure role for load balancers and the lifecycle hook role are
  // shown trusting ecs.amazonaws.com without conditions, and neither page documents a source key.
  {
    principal: 'ecs.amazonaws.com',
    use: 'any',
    keys: [],
    source:
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-permissions.html',
  },
  // Lambda: "The aws:SourceArn condition key applies only to policies where your Lambda function is the target".
  { principal: 'lambda.amazonaws.com', use: 'any', keys: [], source: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html' },
  { principal: 'codebuild.amazonaws.com', use: 'any', keys: [], source: 'https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html' },
  { principal: 'codepipeline.amazonaws.com', use: 'any', keys: [], source: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html' },
];

const trustSource = (principal: string, use: RoleUse): ServiceTrustSource | undefined => {
  const entries = serviceTrustSources.filter((entry) => entry.principal === principal);
  return entries.find((entry) => entry.use === use) ?? entries.find((entry) => entry.use === 'any');
};

export { SOURCE_KEYS, trustSource, type RoleUse, type SourceKey };
