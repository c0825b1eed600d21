/**
 * The ECS lifecycle events an AppSpec can hook, in the order CodeDeploy runs them (Install, AllowTestTraffic
 * and AllowTraffic run no hooks). CodeDeploy User Guide, "AppSpec 'hooks' section for an Amazon ECS deployment".
 */
const HOOKABLE_LIFECYCLE_EVENTS = ['BeforeInstall', 'AfterInstall', 'AfterAllowTestTraffic', 'BeforeAllowTraffic', 'AfterAllowTraffic'] as const;
type HookableLifecycleEventName = (typeof HOOKABLE_LIFECYCLE_EVENTS)[number];

const isHookable = (event: string): event is HookableLifecycleEventName => (HOOKABLE_LIFECYCLE_EVENTS as readonly string[]).includes(event);

export { HOOKABLE_LIFECYCLE_EVENTS, isHookable };
export type { HookableLifecycleEventName };
