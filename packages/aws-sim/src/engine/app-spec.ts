import type { LifecycleEventName } from '../scenario.js';

interface AppSpecHook {
  readonly event: LifecycleEventName;
  readonly functionName: string;
}

interface AppSpecContent {
  /** The task definition CodePipeline registered and wrote in place of `<TASK_DEFINITION>`. */
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly containerPort: number;
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
export type { AppSpecContent, AppSpecHook };
