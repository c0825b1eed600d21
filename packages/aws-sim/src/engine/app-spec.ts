import { hookFunctionName, renderAppSpec, type HookableLifecycleEventName } from '@greenlight/contracts';

/**
 * The AppSpec a CodeDeployToECS action sends when the scenario gives none: CodePipeline fills the task
 * definition in, and each hook event names the function terraform/modules/lifecycle-hooks would create for the
 * application (`CodeDeployHook_<application>_<event>`, the prefix CodeDeploy's ECS service role may invoke).
 */
const defaultAppSpec = (applicationName: string, hooks: readonly HookableLifecycleEventName[], region: string, account: string): string =>
  renderAppSpec({
    taskDefinitionArn: `arn:aws:ecs:${region}:${account}:task-definition/${applicationName}:1`,
    containerName: 'app',
    containerPort: 8080,
    hooks: hooks.map((event) => ({ event, functionName: hookFunctionName(applicationName, event) })),
  });

export { defaultAppSpec };
