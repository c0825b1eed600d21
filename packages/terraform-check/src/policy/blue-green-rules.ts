import { blocksOf, isObject, soleInterpolation } from '../hcl.js';
import type { TfBlock } from '../module-loader.js';
import { matchesIamPattern } from './iam-wildcards.js';
import { perResource } from './per-resource.js';
import type { Statement } from './policy-documents.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';
import { grantsOf } from './role-grants.js';
import { firstBlock } from './values.js';

// Rules for what only `terraform apply` or the first deployment of a CodeDeploy blue/green ECS service would show.
// Each cites the AWS page it follows.

const CODE_DEPLOY = 'CODE_DEPLOY';

const isCodeDeployService = async (service: TfBlock, context: PolicyContext): Promise<boolean> => {
  return (await context.values.scalar(firstBlock(service.body, 'deployment_controller')?.type)) === CODE_DEPLOY;
};

/** A role of the task definition: how it is written, and its name when this module knows it. */
interface TaskRole {
  readonly expression: string;
  readonly role?: string;
  readonly name?: string;
}

const taskRolesOf = async (context: PolicyContext): Promise<TaskRole[]> => {
  const roles: TaskRole[] = [];
  for (const definition of context.resources('aws_ecs_task_definition')) {
    for (const value of [definition.body.execution_role_arn, definition.body.task_role_arn]) {
      if (typeof value !== 'string') continue;
      const inner = soleInterpolation(value)?.trim();
      if (inner === undefined) {
        roles.push({ expression: value, name: value.split(':role/')[1]?.split('/').at(-1) ?? '' });
        continue;
      }
      const role = /^aws_iam_role\.(\w+)\.arn$/.exec(inner)?.[1];
      const block = context.resources('aws_iam_role').find((candidate) => candidate.labels[1] === role);
      const name = block === undefined ? undefined : await context.values.scalar(block.body.name);
      roles.push({ expression: inner, ...(role === undefined ? {} : { role }), ...(typeof name === 'string' ? { name } : {}) });
    }
  }
  return roles;
};

/** Whether a PassRole resource can cover the task role; only a provable mismatch is false. */
const covers = (resource: string, taskRole: TaskRole): boolean => {
  const inner = soleInterpolation(resource)?.trim();
  if (resource === '*' || inner === taskRole.expression || resource === taskRole.expression) return true;
  if (inner !== undefined) {
    const role = /^aws_iam_role\.(\w+)\.arn$/.exec(inner)?.[1];
    return role === undefined || taskRole.role === undefined || role === taskRole.role;
  }
  const rolePattern = resource.split(':role/')[1];
  if (resource.includes('${') || rolePattern === undefined || taskRole.name === undefined) return true;
  return matchesIamPattern(rolePattern.split('/').at(-1) ?? '', taskRole.name);
};

const passesToEcsTasks = (statement: Statement): boolean => {
  if (statement.effect !== 'Allow' || !statement.actions.some((action) => matchesIamPattern(action, 'iam:PassRole', true))) return false;
  const services = statement.conditions.filter((condition) => condition.variable === 'iam:PassedToService');
  return services.every((condition) => condition.values.some((value) => matchesIamPattern(value, 'ecs-tasks.amazonaws.com')));
};

// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/codedeploy_IAM_role.html: the replacement task set
// runs with the task definition's execution and task roles, which CodeDeploy's role must be allowed to pass
// (an inline policy); AWSCodeDeployRoleForECSLimited passes only roles named ecsTaskExecutionRole/ECSTaskExecution*.
const passTaskRoles = perResource(
  {
    id: 'GL_CODEDEPLOY_PASS_TASK_ROLES',
    mirrors: 'AWS: ECS Developer Guide, Amazon ECS CodeDeploy IAM role (inline iam:PassRole)',
    title: "CodeDeploy's ECS service role can pass the task definition's roles",
    waivable: true,
  },
  ['aws_codedeploy_deployment_group'],
  async (block, context) => {
    if (!('ecs_service' in block.body)) return undefined;
    const roleName = /^aws_iam_role\.(\w+)\.arn$/.exec(soleInterpolation(block.body.service_role_arn)?.trim() ?? '')?.[1];
    const role = context.resources('aws_iam_role').find((candidate) => candidate.labels[1] === roleName);
    if (role === undefined) return undefined;
    const grants = await grantsOf(context, role);
    if (!grants.complete) return undefined;
    const resources = grants.statements.filter(passesToEcsTasks).flatMap((statement) => statement.resources);
    const prefix = `${block.labels.join('.')}: its service role aws_iam_role.${roleName ?? ''}`;
    const fix = "allow iam:PassRole on the task definition's execution and task roles (iam:PassedToService = ecs-tasks.amazonaws.com) in an inline policy";
    if (resources.length === 0) {
      return { block, member: 'service_role_arn', message: `${prefix} may pass no role to ECS, but CodeDeploy starts the replacement task set with the task definition's roles: ${fix}` };
    }
    const taskRoles = await taskRolesOf(context);
    if (taskRoles.length === 0) {
      // The task definition is elsewhere: only fixed role names (the limited managed policy's) are a proven gap.
      if (resources.some((resource) => resource === '*' || resource.includes('${'))) return undefined;
      return { block, member: 'service_role_arn', message: `${prefix} may pass only roles matching ${resources.join(', ')} to ECS: ${fix}` };
    }
    const missing = taskRoles.filter((taskRole) => !resources.some((resource) => covers(resource, taskRole)));
    if (missing.length === 0) return undefined;
    return { block, member: 'service_role_arn', message: `${prefix} cannot pass ${missing.map((taskRole) => taskRole.expression).join(', ')} to ECS: ${fix}` };
  },
);

// What UpdateService cannot change on a CODE_DEPLOY service ("create a new CodeDeploy deployment" instead):
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
const DEPLOYMENT_OWNED = ['task_definition', 'load_balancer', 'network_configuration', 'platform_version'] as const;

const ignoredChanges = (service: TfBlock): string[] => {
  const ignore = firstBlock(service.body, 'lifecycle')?.ignore_changes;
  return (Array.isArray(ignore) ? ignore : [ignore]).flatMap((path) => (typeof path === 'string' ? [soleInterpolation(path)?.trim() ?? path] : []));
};

const ignoreDeploymentOwned = perResource(
  {
    id: 'GL_CODE_DEPLOY_IGNORE_CHANGES',
    mirrors: 'AWS: ECS API Reference, UpdateService (CODE_DEPLOY deployment controller)',
    title: 'CODE_DEPLOY services ignore what only a deployment can change',
    waivable: false,
  },
  ['aws_ecs_service'],
  async (block, context) => {
    if (!(await isCodeDeployService(block, context))) return undefined;
    const ignored = ignoredChanges(block);
    if (ignored.includes('all')) return undefined;
    const dynamic = isObject(block.body.dynamic) ? block.body.dynamic : {};
    const missing = DEPLOYMENT_OWNED.filter((name) => (name in block.body || name in dynamic) && !ignored.includes(name));
    if (missing.length === 0) return undefined;
    const message =
      `${block.labels.join('.')} uses the CODE_DEPLOY deployment controller, and UpdateService cannot change its ${missing.join(', ')} ` +
      '(the next apply after a change fails): add them to lifecycle ignore_changes and let deployments apply them (the AppSpec carries NetworkConfiguration and PlatformVersion)';
    return { block, member: 'lifecycle' in block.body ? 'lifecycle' : 'deployment_controller', message };
  },
);

// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html: "The
// ALBRequestCountPerTarget metric for target tracking scaling policies is not supported for the blue/green
// deployment type."
const METRIC = 'ALBRequestCountPerTarget';

const noRequestCountPerTarget: PolicyRule = {
  id: 'GL_BLUE_GREEN_REQUEST_COUNT',
  mirrors: 'AWS: ECS Developer Guide, target tracking (ALBRequestCountPerTarget is not supported for blue/green)',
  title: 'No ALBRequestCountPerTarget target tracking on a blue/green service',
  waivable: false,
  async check(context) {
    const services = context.resources('aws_ecs_service');
    const blueGreen = (await Promise.all(services.map((service) => isCodeDeployService(service, context)))).some(Boolean);
    if (!blueGreen) return [];
    const hits: PolicyHit[] = [];
    for (const block of context.resources('aws_appautoscaling_policy')) {
      const configuration = blocksOf(block.body.target_tracking_scaling_policy_configuration);
      // Written in the block, or chosen per instance from the for_each map (each.value.predefined_metric_type).
      const fromMap = (await context.values.mentions(configuration, 'each.value')) && (await context.values.mentions(block.body.for_each, METRIC));
      if (!fromMap && !(await context.values.mentions(configuration, METRIC))) continue;
      const message =
        `${block.labels.join('.')} tracks ALBRequestCountPerTarget for a CODE_DEPLOY (blue/green) service, which AWS does not support: it names one target group, ` +
        'and the idle colour has no data after a deployment, so the policy never agrees to scale in. Track requests per healthy target over both target groups with metric math (customized_metric_specification) instead';
      hits.push({ block, member: 'target_tracking_scaling_policy_configuration', message });
    }
    return hits;
  },
};

const blueGreenRules: readonly PolicyRule[] = [passTaskRoles, ignoreDeploymentOwned, noRequestCountPerTarget];

export { blueGreenRules };
