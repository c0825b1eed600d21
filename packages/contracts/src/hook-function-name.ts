import { isHookable, type HookableLifecycleEventName } from './lifecycle-events.js';

/**
 * The managed policy AWSCodeDeployRoleForECSLimited lets CodeDeploy invoke only functions whose names start with
 * this, so every hook function greenlight creates carries it.
 */
const HookFunctionPrefix = 'CodeDeployHook_';

/** Lambda function names: 1-64 letters, digits, hyphens and underscores (Lambda API reference, FunctionName). */
const FunctionNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

interface HookFunction {
  /** The stack's name (the lifecycle-hooks module's `name`). */
  readonly name: string;
  readonly event: HookableLifecycleEventName;
}

/** The function terraform/modules/lifecycle-hooks creates for one lifecycle event of the stack `name`. */
const hookFunctionName = (name: string, event: HookableLifecycleEventName): string => `${HookFunctionPrefix}${name}_${event}`;

/**
 * The stack and event of a greenlight hook function's name, or undefined for any other name. The event is the
 * last `_`-separated part, since a stack's name may itself contain `_`.
 */
const parseHookFunctionName = (functionName: string): HookFunction | undefined => {
  if (!FunctionNamePattern.test(functionName) || !functionName.startsWith(HookFunctionPrefix)) return undefined;
  const rest = functionName.slice(HookFunctionPrefix.length);
  const separator = rest.lastIndexOf('_');
  const name = rest.slice(0, separator);
  const event = rest.slice(separator + 1);
  return separator > 0 && isHookable(event) ? { name, event } : undefined;
};

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]` or a bare name → the function's name. */
const lambdaFunctionName = (nameOrArn: string): string => /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;

export { hookFunctionName, lambdaFunctionName, parseHookFunctionName };
export type { HookFunction };
