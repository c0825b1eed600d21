import { type CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import type { LifecycleHook } from '@greenlight/aws-sim';
import type { Harness } from './harness.js';

/**
 * Plays a hook function as Lambda would for every hook CodeDeploy invokes: its lines land in its log group (a
 * stream per invocation), then it reports `status`.
 */
const playEveryHook = (
  harness: Harness,
  codedeploy: CodeDeployClient,
  logGroup: string,
  lines: (hook: LifecycleHook) => readonly string[],
  status: 'Succeeded' | 'Failed',
): void => {
  harness.sim.codedeploy.onHook((hook: LifecycleHook) => {
    harness.sim.logs.putEvents(
      logGroup,
      `2026/11/26/[$LATEST]${hook.lifecycleEventHookExecutionId}`,
      lines(hook).map((message) => ({ message })),
    );
    void codedeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: hook.deploymentId,
        lifecycleEventHookExecutionId: hook.lifecycleEventHookExecutionId,
        status,
      }),
    );
  });
};

export { playEveryHook };
