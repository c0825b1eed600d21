import type { LifecycleEventName } from '../scenario.js';

interface AppSpecHook {
  readonly event: LifecycleEventName;
  readonly functionName: string;
}

/**
 * The tasks' awsvpc settings an ECS AppSpec may carry (all or none of them): the replacement task set runs with
 * them, which is how a deployment applies network changes UpdateService cannot make on a CODE_DEPLOY service.
 * CodeDeploy User Guide, "AppSpec 'resources' section for Amazon ECS deployments".
 */
interface AppSpecNetworkConfiguration {
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly assignPublicIp: boolean;
}

interface AppSpecContent {
  /** The task definition CodePipeline registered and wrote in place of `<TASK_DEFINITION>`. */
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  /** Left out when absent: CodeDeploy then keeps the service's current network settings. */
  readonly networkConfiguration?: AppSpecNetworkConfiguration;
  /** In the order they are listed (CodeDeploy requires lifecycle order). */
  readonly hooks: readonly AppSpecHook[];
}

/** The ECS AppSpec laid out as terraform/modules/pipeline's appspec.yaml.tpl renders it. */
const renderAppSpec = (content: AppSpecContent): string => {
  const lines = [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "${content.taskDefinitionArn}"`,
    '        LoadBalancerInfo:',
    `          ContainerName: "${content.containerName}"`,
    `          ContainerPort: ${content.containerPort}`,
  ];
  const network = content.networkConfiguration;
  if (network !== undefined) {
    // Lists as the module's jsonencode() writes them: JSON arrays, which are YAML flow sequences.
    lines.push(
      '        NetworkConfiguration:',
      '          AwsvpcConfiguration:',
      `            Subnets: ${JSON.stringify(network.subnets)}`,
      `            SecurityGroups: ${JSON.stringify(network.securityGroups)}`,
      `            AssignPublicIp: "${network.assignPublicIp ? 'ENABLED' : 'DISABLED'}"`,
    );
  }
  if (content.hooks.length > 0) {
    lines.push('Hooks:', ...content.hooks.map((hook) => `  - ${hook.event}: "${hook.functionName}"`));
  }
  return `${lines.join('\n')}\n`;
};

/**
 * The AppSpec a CodeDeployToECS action sends when the scenario gives none: CodePipeline fills the task
 * definition in, and each hook event names the validation function `CodeDeployHook_<application>` (the prefix
 * CodeDeploy's ECS service role may invoke).
 */
const defaultAppSpec = (applicationName: string, hooks: readonly LifecycleEventName[], region: string, account: string): string =>
  renderAppSpec({
    taskDefinitionArn: `arn:aws:ecs:${region}:${account}:task-definition/${applicationName}:1`,
    containerName: 'app',
    containerPort: 8080,
    hooks: hooks.map((event) => ({ event, functionName: `CodeDeployHook_${applicationName}` })),
  });

export { defaultAppSpec, renderAppSpec };
export type { AppSpecContent, AppSpecHook, AppSpecNetworkConfiguration };
