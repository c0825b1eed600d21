import { isHookable, type HookableLifecycleEventName } from './lifecycle-events.js';

/**
 * The managed policy AWSCodeDeployRoleForECSLimited lets CodeDeploy invoke only functions whose names start with
 * this, so every hook function greenlight creates carries it.
 */
const HOOK_FUNCTION_PREFIX = 'CodeDeployHook_';

/** Lambda function names: 1-64 letters, digits, hyphens and underscores (Lambda API reference, FunctionName). */
const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

interface HookFunction {
  /** The stack's name (the lifecycle-hooks module's `name`). */
  readonly name: string;
  readonly event: HookableLifecycleEventName;
}

/** The function terraform/modules/lifecycle-hooks creates for one lifecycle event of the stack `name`. */
const hookFunctionName = (name: string, event: HookableLifecycleEventName): string => `${HOOK_FUNCTION_PREFIX}${name}_${event}`;

/**
 * The stack and event of a greenlight hook function's name, or undefined for any other name. The event is the
 * last `_`-separated part, since a stack's name may itself contain `_`.
 */
const parseHookFunctionName = (functionName: string): HookFunction | undefined => {
  if (!FUNCTION_NAME_PATTERN.test(functionName) || !functionName.startsWith(HOOK_FUNCTION_PREFIX)) return undefined;
  const rest = functionName.slice(HOOK_FUNCTION_PREFIX.length);
  const separator = rest.lastIndexOf('_');
  const name = rest.slice(0, separator);
  const event = rest.slice(separator + 1);
  return separator > 0 && isHookable(event) ? { name, event } : undefined;
};

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` or a bare name → the function's name. */
const lambdaFunctionName = (nameOrArn: string): string => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

export { hookFunctionName, lambdaFunctionName, parseHookFunctionName };
export type { HookFunction };
