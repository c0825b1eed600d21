import type { LifecycleEventName } from '../scenario.js';

/**
 * The AppSpec a CodeDeployToECS action sends when the scenario gives none: CodePipeline fills the task
 * definition in, and each hook event names the validation function `CodeDeployHook_<application>` (the prefix
 * CodeDeploy's ECS service role may invoke).
 */
const defaultAppSpec = (applicationName: string, hooks: readonly LifecycleEventName[], region: string, account: string): string => {
  const lines = [
    'version: 0.0',
    'Resources:',
    '  - TargetService:',
    '      Type: AWS::ECS::Service',
    '      Properties:',
    `        TaskDefinition: "arn:aws:ecs:${region}:${account}:task-definition/${applicationName}:1"`,
    '        LoadBalancerInfo:',
    '          ContainerName: "app"',
    '          ContainerPort: 8080',
  ];
  if (hooks.length > 0) {
    lines.push('Hooks:', ...hooks.map((event) => `  - ${event}: "CodeDeployHook_${applicationName}"`));
  }
  return `${lines.join('\n')}\n`;
};

export { defaultAppSpec };
