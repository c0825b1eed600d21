// `- AfterAllowTestTraffic: "CodeDeployHook_app"` inside the YAML appspec's top-level `Hooks:` list.
const YamlHookLine = /^\s+-\s*([A-Za-z]+)\s*:\s*(["']?)([^"'#\s]+)\2\s*(?:#.*)?$/;
const YamlTopLevelKey = /^[A-Za-z]/;

const fromJson = (content: string): Map<string, string> => {
  const parsed = JSON.parse(content) as { Hooks?: unknown };
  const hooks = Array.isArray(parsed.Hooks) ? (parsed.Hooks as unknown[]) : [];
  const entries = hooks.flatMap((hook) =>
    typeof hook === 'object' && hook !== null
      ? Object.entries(hook).flatMap(([event, target]) => (typeof target === 'string' ? [[event, target] as const] : []))
      : [],
  );
  return new Map(entries);
};

const fromYaml = (content: string): Map<string, string> => {
  const hooks = new Map<string, string>();
  let inHooks = false;
  for (const line of content.split(/\r?\n/)) {
    if (YamlTopLevelKey.test(line)) {
      inHooks = /^Hooks\s*:\s*$/.test(line);
      continue;
    }
    const match = inHooks ? YamlHookLine.exec(line) : null;
    if (match?.[1] !== undefined && match[3] !== undefined) hooks.set(match[1], match[3]);
  }
  return hooks;
};

/**
 * The hook functions of an ECS AppSpec (lifecycle event → Lambda function name or ARN), from the JSON or YAML
 * content CodePipeline passes to CodeDeploy. Only the `Hooks` list is read, and it has one fixed shape (a list of
 * one-key maps), so a full YAML parser would only add weight to the action.
 */
const appSpecHooks = (content: string): Map<string, string> => {
  try {
    return content.trimStart().startsWith('{') ? fromJson(content) : fromYaml(content);
  } catch {
    // An AppSpec we cannot read names no hook: the failure is then reported without the hook's reason.
    return new Map();
  }
};

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` or a bare name → the function's name. */
const functionName = (nameOrArn: string): string => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

export { appSpecHooks, functionName };
