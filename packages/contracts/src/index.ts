import { readAppSpecHooks, renderAppSpec, type AppSpecContent, type AppSpecHook, type AppSpecNetworkConfiguration } from './app-spec.js';
import { hookFunctionName, lambdaFunctionName, parseHookFunctionName, type HookFunction } from './hook-function-name.js';
import { HookableLifecycleEvents, isHookable, type HookableLifecycleEventName } from './lifecycle-events.js';

export {
  type AppSpecContent,
  type AppSpecHook,
  type AppSpecNetworkConfiguration,
  type HookableLifecycleEventName,
  HookableLifecycleEvents,
  type HookFunction,
  hookFunctionName,
  isHookable,
  lambdaFunctionName,
  parseHookFunctionName,
  readAppSpecHooks,
  renderAppSpec,
};
