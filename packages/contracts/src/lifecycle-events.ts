/**
 * The ECS lifecycle events an AppSpec can hook, in the order CodeDeploy runs them (Install, AllowTestTraffic
 * and AllowTraffic run no hooks). CodeDeploy User Guide, "AppSpec 'hooks' section for an Amazon ECS deployment".
 */
const HookableLifecycleEvents = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;
type HookableLifecycleEventName = (typeof HookableLifecycleEvents)[number];

const isHookable = (event: string): event is HookableLifecycleEventName => (HookableLifecycleEvents as readonly string[]).includes(event);

export { HookableLifecycleEvents, isHookable };
export type { HookableLifecycleEventName };
