import { readAppSpecHooks, renderAppSpec, type AppSpecContent, type AppSpecHook, type AppSpecNetworkConfiguration } from './app-spec.js';
import { hookFunctionName, lambdaFunctionName, parseHookFunctionName, type HookFunction } from './hook-function-name.js';
import { HOOKABLE_LIFECYCLE_EVENTS, isHookable, type HookableLifecycleEventName } from './lifecycle-events.js';

export {
  type AppSpecContent,
  type AppSpecHook,
  type AppSpecNetworkConfiguration,
  type HookableLifecycleEventName,
  HOOKABLE_LIFECYCLE_EVENTS,
  type HookFunction,
  hookFunctionName,
  isHookable,
  lambdaFunctionName,
  parseHookFunctionName,
  readAppSpecHooks,
  renderAppSpec,
};
