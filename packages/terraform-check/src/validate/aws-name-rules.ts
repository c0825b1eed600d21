// AWS's naming rules for the names our modules derive, each from the API reference of the call that creates the
// resource (lengths and patterns as botocore's service models carry them, prose rules as the reference states them).

interface NameRule {
  /** Terraform resource type and the argument holding the name. */
  readonly resource: string;
  readonly argument: string;
  /** The API call and parameter AWS validates, as the finding names it. */
  readonly api: string;
  readonly source: string;
  readonly min: number;
  readonly max: number;
  /** Every character must match; described in `allowedText`. */
  readonly allowed: RegExp;
  readonly allowedText: string;
  readonly notStartingWith?: readonly string[];
  readonly notEndingWith?: readonly string[];
  readonly forbidden?: readonly { readonly pattern: RegExp; readonly why: string }[];
  /** What the provider appends to the argument's value to make the name (bucket_prefix: a 26-digit unique suffix). */
  readonly appended?: string;
  /** The provider's own limit on the argument (bucket_prefix: 37). */
  readonly argumentMax?: number;
}

const ALPHANUMERIC_HYPHEN = { allowed: /^[A-Za-z0-9-]$/, allowedText: 'letters, digits and hyphens' } as const;
const ECS_NAME = {
  min: 1,
  max: 255,
  allowed: /^[A-Za-z0-9_-]$/,
  allowedText: 'letters, digits, underscores and hyphens',
} as const;
const IAM_NAME = { allowed: /^[\w+=,.@-]$/, allowedText: 'letters, digits and _+=,.@-' } as const;
const ANY_PRINTABLE = { allowed: /^[^\p{Cc}]$/u, allowedText: 'characters other than control characters' } as const;

// S3 general purpose bucket naming rules (the same for names and for the prefix Terraform completes).
const BUCKET = {
  api: 'S3 CreateBucket Bucket',
  source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html',
  min: 3,
  max: 63,
  allowed: /^[a-z0-9.-]$/,
  allowedText: 'lowercase letters, digits, dots and hyphens',
  notStartingWith: ['-', '.', 'xn--', 'sthree-', 'amzn-s3-demo-'],
  notEndingWith: ['-', '.', '-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'],
  forbidden: [
    { pattern: /\.\./, why: 'it must not contain two adjacent periods' },
    { pattern: /^\d+\.\d+\.\d+\.\d+$/, why: 'it must not be formatted as an IP address' },
  ],
} as const;

const NAME_RULES: readonly NameRule[] = [
  {
    resource: 'aws_lb',
    argument: 'name',
    api: 'ELBv2 CreateLoadBalancer Name',
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html',
    min: 1,
    max: 32,
    ...ALPHANUMERIC_HYPHEN,
    notStartingWith: ['-', 'internal-'],
    notEndingWith: ['-'],
  },
  {
    resource: 'aws_lb_target_group',
    argument: 'name',
    api: 'ELBv2 CreateTargetGroup Name',
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html',
    min: 1,
    max: 32,
    ...ALPHANUMERIC_HYPHEN,
    notStartingWith: ['-'],
    notEndingWith: ['-'],
  },
  {
    resource: 'aws_security_group',
    argument: 'name',
    api: 'EC2 CreateSecurityGroup GroupName',
    source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html',
    min: 1,
    max: 255,
    allowed: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/,
    allowedText: 'letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*',
    notStartingWith: ['sg-'],
  },
  {
    resource: 'aws_lambda_function',
    argument: 'function_name',
    api: 'Lambda CreateFunction FunctionName',
    source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html',
    min: 1,
    max: 64,
    allowed: /^[a-zA-Z0-9_-]$/,
    allowedText: 'letters, digits, hyphens and underscores',
  },
  {
    resource: 'aws_iam_role',
    argument: 'name',
    api: 'IAM CreateRole RoleName',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html',
    min: 1,
    max: 64,
    ...IAM_NAME,
  },
  {
    resource: 'aws_iam_role_policy',
    argument: 'name',
    api: 'IAM PutRolePolicy PolicyName',
    source: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html',
    min: 1,
    max: 128,
    ...IAM_NAME,
  },
  {
    resource: 'aws_codestarconnections_connection',
    argument: 'name',
    api: 'CodeConnections CreateConnection ConnectionName',
    source: 'https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_CreateConnection.html',
    min: 1,
    max: 32,
    allowed: /^[\s\S]$/,
    allowedText: 'any characters',
  },
  {
    resource: 'aws_ecr_repository',
    argument: 'name',
    api: 'ECR CreateRepository repositoryName',
    source: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html',
    min: 2,
    max: 256,
    allowed: /^[a-z0-9._/-]$/,
    allowedText: 'lowercase letters, digits, and . _ - / between them',
    // The reference: "must start with a letter"; the model's pattern: separators only between alphanumeric runs.
    forbidden: [
      { pattern: /^[^a-z]/, why: 'it must start with a letter' },
      { pattern: /[._/-]$/, why: 'it must end with a letter or digit' },
      { pattern: /[._-]\/|\/[._/-]|\.[._-]|_[.-]|-[._]|___/, why: 'separators must stand between letters or digits' },
    ],
  },
  {
    resource: 'aws_codebuild_project',
    argument: 'name',
    api: 'CodeBuild CreateProject name',
    source: 'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html',
    min: 2,
    max: 150,
    allowed: /^[A-Za-z0-9_-]$/,
    allowedText: 'letters, digits, hyphens and underscores',
    notStartingWith: ['-', '_'],
  },
  {
    resource: 'aws_codepipeline',
    argument: 'name',
    api: 'CodePipeline CreatePipeline name',
    source: 'https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html',
    min: 1,
    max: 100,
    allowed: /^[A-Za-z0-9.@_-]$/,
    allowedText: 'letters, digits and .@-_',
  },
  {
    resource: 'aws_cloudwatch_log_group',
    argument: 'name',
    api: 'CloudWatch Logs CreateLogGroup logGroupName',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html',
    min: 1,
    max: 512,
    allowed: /^[.\-_/#A-Za-z0-9]$/,
    allowedText: 'letters, digits and ._-/#',
  },
  {
    resource: 'aws_ecs_cluster',
    argument: 'name',
    api: 'ECS CreateCluster clusterName',
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html',
    ...ECS_NAME,
  },
  {
    resource: 'aws_ecs_service',
    argument: 'name',
    api: 'ECS CreateService serviceName',
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html',
    ...ECS_NAME,
  },
  {
    resource: 'aws_ecs_task_definition',
    argument: 'family',
    api: 'ECS RegisterTaskDefinition family',
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
    ...ECS_NAME,
  },
  {
    resource: 'aws_codedeploy_app',
    argument: 'name',
    api: 'CodeDeploy CreateApplication applicationName',
    source: 'https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateApplication.html',
    min: 1,
    max: 100,
    ...ANY_PRINTABLE,
  },
  {
    resource: 'aws_codedeploy_deployment_group',
    argument: 'deployment_group_name',
    api: 'CodeDeploy CreateDeploymentGroup deploymentGroupName',
    source: 'https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_CreateDeploymentGroup.html',
    min: 1,
    max: 100,
    ...ANY_PRINTABLE,
  },
  {
    resource: 'aws_cloudwatch_metric_alarm',
    argument: 'alarm_name',
    api: 'CloudWatch PutMetricAlarm AlarmName',
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html',
    min: 1,
    max: 255,
    ...ANY_PRINTABLE,
  },
  {
    resource: 'aws_sqs_queue',
    argument: 'name',
    api: 'SQS CreateQueue QueueName',
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html',
    min: 1,
    max: 80,
    allowed: /^[A-Za-z0-9_.-]$/,
    allowedText: 'letters, digits, hyphens and underscores (and .fifo at the end of a FIFO queue)',
    forbidden: [{ pattern: /\.(?!fifo$)/, why: 'a dot may only start the .fifo suffix' }],
  },
  {
    resource: 'aws_appautoscaling_policy',
    argument: 'name',
    api: 'Application Auto Scaling PutScalingPolicy PolicyName',
    source: 'https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html',
    min: 1,
    max: 256,
    ...ANY_PRINTABLE,
  },
  { resource: 'aws_s3_bucket', argument: 'bucket', ...BUCKET },
  // Terraform completes bucket_prefix with a 26-digit unique id (timestamp and counter) and limits it to 37.
  { resource: 'aws_s3_bucket', argument: 'bucket_prefix', ...BUCKET, appended: '20260101000000000000000001', argumentMax: 37 },
];

/** Why AWS rejects `name` under `rule`, or undefined when it complies. */
const nameViolation = (rule: NameRule, argumentValue: string): string | undefined => {
  const length = [...argumentValue].length;
  if (rule.argumentMax !== undefined && length > rule.argumentMax) {
    return `the provider allows at most ${rule.argumentMax} characters in ${rule.argument}, this has ${length}`;
  }
  const name = `${argumentValue}${rule.appended ?? ''}`;
  const nameLength = [...name].length;
  if (nameLength < rule.min || nameLength > rule.max) return `it must be ${rule.min}-${rule.max} characters long, this is ${nameLength}`;
  const bad = [...name].find((character) => !rule.allowed.test(character));
  if (bad !== undefined) return `"${bad}" is not allowed (only ${rule.allowedText})`;
  const prefix = rule.notStartingWith?.find((start) => name.startsWith(start));
  if (prefix !== undefined) return `it must not begin with "${prefix}"`;
  const suffix = rule.notEndingWith?.find((end) => name.endsWith(end));
  if (suffix !== undefined) return `it must not end with "${suffix}"`;
  return rule.forbidden?.find(({ pattern }) => pattern.test(name))?.why;
};

export { nameViolation, NAME_RULES, type NameRule };
