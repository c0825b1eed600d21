import { setTimeout as delay } from 'node:timers/promises';
import { trafficSteps, type DeploymentHandle, type HookStatus, type LifecycleEventName, type SimClock, type TaskSetInfo } from '@greenlight/aws-sim';
import type { AppProcess } from './app-process.js';
import { waitUntilHealthy } from './health-check.js';
import { findHookDecision } from './hook-verdict.js';
import type { LambdaFunction } from './lambda-invoker.js';
import type { LoadBalancer } from './load-balancer.js';
import { ALL_BLUE, ALL_GREEN, greenShare, type TrafficWeights } from './weights.js';

/**
 * The part of aws-sim's deployment handle this driver uses: what CodeDeploy would record as it moves the
 * real traffic, so the action and the hook read the same story through the AWS APIs. Narrowed so that a test
 * can play CodeDeploy with a small fake.
 */
type DeploymentControl = Pick<
  DeploymentHandle,
  | 'deploymentId'
  | 'deploymentConfigName'
  | 'deploymentGroup'
  | 'stopRequest'
  | 'taskSets'
  | 'lifecycleEvents'
  | 'setLifecycleEvent'
  | 'setTaskSets'
  | 'setTrafficWeights'
  | 'startHook'
  | 'succeed'
  | 'fail'
  | 'stopped'
>;

type DeploymentProgress =
  | { readonly kind: 'lifecycle'; readonly event: LifecycleEventName; readonly status: string }
  | { readonly kind: 'green-started'; readonly port: number }
  | { readonly kind: 'test-traffic'; readonly weights: TrafficWeights }
  | { readonly kind: 'hook-invoked'; readonly attempt: number }
  | { readonly kind: 'hook-function-error'; readonly attempt: number; readonly error: string }
  | { readonly kind: 'hook-log'; readonly line: string }
  | { readonly kind: 'hook-reported'; readonly status: HookStatus; readonly reason: string | undefined }
  | { readonly kind: 'production-traffic'; readonly weights: TrafficWeights; readonly holdMinutes: number }
  | { readonly kind: 'termination-wait'; readonly minutes: number }
  | { readonly kind: 'rollback'; readonly reason: string }
  | { readonly kind: 'stopped-in-place' }
  | { readonly kind: 'task-set-stopped'; readonly label: 'blue' | 'green' }
  | { readonly kind: 'deployment-ended'; readonly status: 'Succeeded' | 'Failed' | 'Stopped' };

interface BlueGreenOptions {
  readonly balancer: LoadBalancer;
  /** The running original task set. */
  readonly blue: AppProcess;
  /** Starts the replacement task set. */
  readonly startGreen: () => Promise<AppProcess>;
  readonly hookFunction: LambdaFunction;
  readonly hookFunctionName: string;
  /** Scales the deployment's waits (canary holds, termination wait, hook timeout) as aws-sim scales its own. */
  readonly clock: SimClock;
  /** Simulated seconds each lifecycle event without work of its own takes. */
  readonly eventSeconds: number;
  readonly terminationWaitMinutes: number;
  /** CodeDeploy fails the deployment when a hook has not reported within this long (one hour in AWS). */
  readonly hookTimeoutMinutes: number;
  readonly onProgress: (progress: DeploymentProgress) => void;
}

interface DeploymentRecord {
  deploymentId?: string;
  status?: 'Succeeded' | 'Failed' | 'Stopped';
  hookStatus?: HookStatus;
  hookReason?: string;
  /** Epoch ms at which the hook's report reached CodeDeploy (the simulator). */
  hookReportedAt?: number;
  /** Hook invocations, counting Lambda's retries after a function error. */
  hookInvocations: number;
  rolledBack: boolean;
  errorMessage?: string;
}

// Lambda retries a failed asynchronous invocation twice, about one and two minutes later.
const LAMBDA_RETRY_MINUTES = [1, 2] as const;
// The target group's health check from examples/complete (GET /health), at loopback pace.
const GREEN_HEALTH_CHECK = { path: '/health', healthyThreshold: 2, intervalMs: 100, timeoutMs: 30_000 } as const;
// How long to wait for the hook's process to end after its Failed report, so the reason it logged is in its log
// group (and the demo's own record) before the deployment ends; in AWS the rollback alone takes longer.
const DECISION_LOG_GRACE_MS = 10_000;

/**
 * Plays a CodeDeploy ECS blue/green deployment for real: starts green, moves the test listener, runs the
 * AfterAllowTestTraffic hook (the real Lambda zip), shifts production by the deployment configuration, waits
 * the termination wait and stops blue after draining it. Any failure or a Failed hook rolls back: both listeners
 * to blue, green drained and stopped. The abort signal is CodeDeploy's StopDeployment (stopping the pipeline
 * execution never reaches a deployment): with autoRollbackEnabled it rolls back the same way, without it the
 * deployment ends Stopped where it stands.
 */
class BlueGreenDeployment {
  readonly record: DeploymentRecord = { hookInvocations: 0, rolledBack: false };
  readonly #options: BlueGreenOptions;
  readonly #invocations = new Set<Promise<void>>();
  #green: AppProcess | undefined;

  constructor(options: BlueGreenOptions) {
    this.#options = options;
  }

  /** The driver aws-sim calls for each CodeDeployToECS deployment. */
  async drive(deployment: DeploymentControl, signal: AbortSignal): Promise<void> {
    this.record.deploymentId = deployment.deploymentId;
    const { balancer, clock, onProgress } = this.#options;
    try {
      const steps = trafficSteps(deployment.deploymentConfigName);
      await this.#plainEvent(deployment, 'BeforeInstall', signal);
      this.#setEvent(deployment, 'Install', 'InProgress');
      this.#green = await this.#options.startGreen();
      await waitUntilHealthy({ port: this.#green.port, ...GREEN_HEALTH_CHECK });
      balancer.green.register(this.#green.port);
      onProgress({ kind: 'green-started', port: this.#green.port });
      deployment.setTaskSets([...this.#blueTaskSets(deployment, 100), this.#greenTaskSet(deployment, 0)]);
      this.#setEvent(deployment, 'Install', 'Succeeded');
      await this.#plainEvent(deployment, 'AfterInstall', signal);

      this.#setEvent(deployment, 'AllowTestTraffic', 'InProgress');
      balancer.test.setWeights(ALL_GREEN);
      onProgress({ kind: 'test-traffic', weights: ALL_GREEN });
      await clock.sleep(this.#options.eventSeconds, signal);
      this.#setEvent(deployment, 'AllowTestTraffic', 'Succeeded');

      const hook = await this.#runHook(deployment, signal);
      if (hook.status === 'Failed') {
        const name = this.#options.hookFunctionName;
        const what = hook.timedOut
          ? `did not report within ${this.#options.hookTimeoutMinutes} minutes`
          : `reported Failed: ${hook.reason ?? 'no reason logged'}`;
        const message =
          `The AfterAllowTestTraffic hook ${name} ${what}. Production traffic never moved; the test listener is back ` +
          `on the original task set. Fix green and run the pipeline again; the hook's logs are in /aws/lambda/${name}.`;
        await this.#rollBack(deployment, message);
        // What CodeDeploy records knows only the hook's status: its reason stays in the hook's log group.
        deployment.fail({
          code: 'HOOK_EXECUTION_FAILURE',
          message: hook.timedOut
            ? `The AfterAllowTestTraffic lifecycle hook ${what}: the deployment was rolled back.`
            : 'The AfterAllowTestTraffic lifecycle hook reported Failed: the deployment was rolled back.',
        });
        this.#ended('Failed', message);
        return;
      }

      await this.#plainEvent(deployment, 'BeforeAllowTraffic', signal);
      this.#setEvent(deployment, 'AllowTraffic', 'InProgress');
      for (const step of steps) {
        const weights = greenShare(step.greenPercent);
        balancer.production.setWeights(weights);
        deployment.setTrafficWeights(weights);
        onProgress({ kind: 'production-traffic', weights, holdMinutes: step.waitSeconds / 60 });
        await clock.sleep(step.waitSeconds, signal);
      }
      this.#setEvent(deployment, 'AllowTraffic', 'Succeeded');
      await this.#plainEvent(deployment, 'AfterAllowTraffic', signal);

      onProgress({ kind: 'termination-wait', minutes: this.#options.terminationWaitMinutes });
      await clock.sleep(this.#options.terminationWaitMinutes * 60, signal);
      // Past this point the original task set is gone and a stop can no longer roll back.
      await balancer.blue.deregister();
      await this.#options.blue.stop();
      onProgress({ kind: 'task-set-stopped', label: 'blue' });
      deployment.setTaskSets([{ ...this.#greenTaskSet(deployment, 100), status: 'PRIMARY' }]);
      deployment.succeed();
      this.#ended('Succeeded');
    } catch (error) {
      const stop = deployment.stopRequest();
      if (signal.aborted && stop !== undefined) {
        for (const event of deployment.lifecycleEvents()) {
          if (event.status === 'InProgress') deployment.setLifecycleEvent(event.lifecycleEventName, 'Failed');
        }
        if (stop.autoRollbackEnabled) {
          await this.#rollBack(deployment, 'StopDeployment with autoRollbackEnabled');
        } else {
          onProgress({ kind: 'stopped-in-place' });
        }
        deployment.stopped({ rollback: stop.autoRollbackEnabled });
        this.#ended('Stopped');
        return;
      }
      const message = `The deployment failed: ${(error as Error).message}. Traffic is back on the original task set; see the demo output above.`;
      await this.#rollBack(deployment, message);
      deployment.fail({ code: 'INTERNAL_ERROR', message });
      this.#ended('Failed', message);
    }
  }

  /** Resolves once every hook invocation (including Lambda's retries) has ended. */
  async settled(): Promise<void> {
    while (this.#invocations.size > 0) await Promise.all(this.#invocations);
  }

  async #runHook(
    deployment: DeploymentControl,
    signal: AbortSignal,
  ): Promise<{ status: HookStatus; reason: string | undefined; timedOut: boolean }> {
    const { clock, onProgress } = this.#options;
    const hook = deployment.startHook('AfterAllowTestTraffic');
    onProgress({ kind: 'lifecycle', event: 'AfterAllowTestTraffic', status: 'InProgress' });
    const logs: string[] = [];
    const invocation = this.#invokeHook(
      { DeploymentId: deployment.deploymentId, LifecycleEventHookExecutionId: hook.lifecycleEventHookExecutionId },
      logs,
      signal,
    );
    this.#invocations.add(invocation);
    void invocation.finally(() => this.#invocations.delete(invocation));
    const timeout = new AbortController();
    try {
      const status = await Promise.race([
        hook.result.then((reported) => {
          this.record.hookReportedAt = Date.now();
          return reported;
        }),
        clock.sleep(this.#options.hookTimeoutMinutes * 60, AbortSignal.any([signal, timeout.signal])).then(() => 'timeout' as const),
      ]);
      if (status === 'timeout') {
        deployment.setLifecycleEvent('AfterAllowTestTraffic', 'Failed');
        const reason = `no report within ${this.#options.hookTimeoutMinutes} minutes`;
        this.#noteHook('Failed', reason);
        return { status: 'Failed', reason, timedOut: true };
      }
      // The decision is logged around the report: let the invocation end so its lines are shipped.
      if (status === 'Failed') await Promise.race([invocation, delay(DECISION_LOG_GRACE_MS, undefined, { signal: timeout.signal })]);
      const reason = findHookDecision(logs)?.reason;
      this.#noteHook(status, reason);
      return { status, reason, timedOut: false };
    } finally {
      timeout.abort();
    }
  }

  #noteHook(status: HookStatus, reason: string | undefined): void {
    this.record.hookStatus = status;
    if (reason !== undefined) this.record.hookReason = reason;
    this.#options.onProgress({ kind: 'hook-reported', status, reason });
  }

  async #invokeHook(event: Readonly<Record<string, string>>, logs: string[], signal: AbortSignal): Promise<void> {
    const { hookFunction, clock, onProgress } = this.#options;
    for (let attempt = 1; ; attempt++) {
      this.record.hookInvocations++;
      onProgress({ kind: 'hook-invoked', attempt });
      const outcome = await hookFunction.invoke(event, (line) => {
        logs.push(line);
        onProgress({ kind: 'hook-log', line });
      });
      if (outcome.ok) return;
      onProgress({ kind: 'hook-function-error', attempt, error: outcome.error });
      const retryMinutes = LAMBDA_RETRY_MINUTES[attempt - 1];
      if (retryMinutes === undefined || signal.aborted) return;
      try {
        await clock.sleep(retryMinutes * 60, signal);
      } catch {
        return;
      }
    }
  }

  async #plainEvent(deployment: DeploymentControl, name: LifecycleEventName, signal: AbortSignal): Promise<void> {
    this.#setEvent(deployment, name, 'InProgress');
    await this.#options.clock.sleep(this.#options.eventSeconds, signal);
    this.#setEvent(deployment, name, 'Succeeded');
  }

  #setEvent(deployment: DeploymentControl, name: LifecycleEventName, status: 'InProgress' | 'Succeeded'): void {
    deployment.setLifecycleEvent(name, status);
    this.#options.onProgress({ kind: 'lifecycle', event: name, status });
  }

  async #rollBack(deployment: DeploymentControl, reason: string): Promise<void> {
    const { balancer, onProgress } = this.#options;
    this.record.rolledBack = true;
    onProgress({ kind: 'rollback', reason });
    balancer.routeAll(ALL_BLUE);
    deployment.setTrafficWeights(ALL_BLUE);
    onProgress({ kind: 'test-traffic', weights: ALL_BLUE });
    onProgress({ kind: 'production-traffic', weights: ALL_BLUE, holdMinutes: 0 });
    if (this.#green !== undefined) {
      await balancer.green.deregister();
      await this.#green.stop();
      onProgress({ kind: 'task-set-stopped', label: 'green' });
    }
    deployment.setTaskSets(this.#blueTaskSets(deployment, 100));
  }

  #ended(status: 'Succeeded' | 'Failed' | 'Stopped', errorMessage?: string): void {
    this.record.status = status;
    if (errorMessage !== undefined) this.record.errorMessage = errorMessage;
    this.#options.onProgress({ kind: 'deployment-ended', status });
  }

  #blueTaskSets(deployment: DeploymentControl, weight: number): TaskSetInfo[] {
    return deployment
      .taskSets()
      .filter((taskSet) => taskSet.taskSetLabel === 'BLUE')
      .map((taskSet) => ({ ...taskSet, trafficWeight: weight, status: 'PRIMARY' }));
  }

  #greenTaskSet(deployment: DeploymentControl, weight: number): TaskSetInfo {
    return {
      // ECS task set ids are ecs-svc/<19 digits>: derive a stable one from the deployment id.
      identifier: `ecs-svc/${[...deployment.deploymentId].map((character) => character.charCodeAt(0) % 10).join('').padEnd(19, '0').slice(0, 19)}`,
      taskSetLabel: 'GREEN',
      desiredCount: 1,
      runningCount: 1,
      pendingCount: 0,
      status: 'ACTIVE',
      trafficWeight: weight,
      targetGroupName: deployment.deploymentGroup?.targetGroups[1] ?? 'green',
    };
  }
}

export { BlueGreenDeployment };
export type { BlueGreenOptions, DeploymentControl, DeploymentProgress, DeploymentRecord };
