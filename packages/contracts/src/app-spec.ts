/**
 * The ECS AppSpec greenlight's pipeline hands CodeDeploy: written by terraform/modules/pipeline's
 * appspec.yaml.tpl, rendered the same way by aws-sim, and read back by the action to find a failed hook's
 * function. CodeDeploy User Guide, "AppSpec File example for an Amazon ECS deployment".
 */

interface AppSpecHook {
  /** A lifecycle event name (HOOKABLE_LIFECYCLE_EVENTS for what CodeDeploy accepts). */
  readonly event: string;
  /** A Lambda function name or ARN. */
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

// `- AfterAllowTestTraffic: "CodeDeployHook_app"` inside the YAML appspec's top-level `Hooks:` list.
const YAML_HOOK_LINE = /^\s+-\s*([A-Za-z]+)\s*:\s*(["']?)([^"'#\s]+)\2\s*(?:#.*)?$/;
const YAML_TOP_LEVEL_KEY = /^[A-Za-z]/;

const hooksFromJson = (content: string): Map<string, string> => {
  const parsed = JSON.parse(content) as { Hooks?: unknown };
  const hooks = Array.isArray(parsed.Hooks) ? (parsed.Hooks as unknown[]) : [];
  const entries = hooks.flatMap((hook) =>
    typeof hook === 'object' && hook !== null
      ? Object.entries(hook).flatMap(([event, target]) => (typeof target === 'string' ? [[event, target] as const] : []))
      : [],
  );
  return new Map(entries);
};

const hooksFromYaml = (content: string): Map<string, string> => {
  const hooks = new Map<string, string>();
  let inHooks = false;
  for (const line of content.split(/\r?\n/)) {
    if (YAML_TOP_LEVEL_KEY.test(line)) {
      inHooks = /^Hooks\s*:\s*$/.test(line);
      continue;
    }
    const match = inHooks ? YAML_HOOK_LINE.exec(line) : null;
    if (match?.[1] !== undefined && match[3] !== undefined) hooks.set(match[1], match[3]);
  }
  return hooks;
};

/**
 * The hook functions of an ECS AppSpec (lifecycle event → Lambda function name or ARN), from the JSON or YAML
 * content CodePipeline passes to CodeDeploy: what renderAppSpec writes, and what a user writes by hand. Only the
 * `Hooks` list is read, and it has one fixed shape (a list of one-key maps), so a full YAML parser would only add
 * weight to the action. Never throws: an AppSpec that cannot be read names no hook.
 */
const readAppSpecHooks = (content: string): Map<string, string> => {
  try {
    return content.trimStart().startsWith('{') ? hooksFromJson(content) : hooksFromYaml(content);
  } catch {
    return new Map();
  }
};

export { readAppSpecHooks, renderAppSpec };
export type { AppSpecContent, AppSpecHook, AppSpecNetworkConfiguration };
