import {
  CodeDeployClient,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
  type ECSTarget,
} from '@aws-sdk/client-codedeploy';
import { AWS_ERROR_KIND, classifyAwsError, isRetryableAwsError } from '@greenlight/aws-retry';
import { clientConfig } from './clients.js';
import { readyWaitNote } from './ready-wait.js';

const describeLifecycle = (target: ECSTarget): Map<string, string> =>
  new Map((target.lifecycleEvents ?? []).map((event) => [event.lifecycleEventName ?? '?', event.status ?? 'Pending']));

const describeTraffic = (target: ECSTarget): string =>
  (target.taskSetsInfo ?? [])
    .map((taskSet) => `${taskSet.taskSetLabel ?? taskSet.identifer ?? '?'} ${taskSet.trafficWeight ?? 0}%` +
      ` (${taskSet.runningCount ?? 0}/${taskSet.desiredCount ?? 0} tasks)`)
    .join(', ');

/**
 * Follows a CodeDeploy ECS blue/green deployment while its pipeline action runs, and describes what changed since
 * the last look: lifecycle events, the traffic split between the blue and green task sets, and a deployment parked
 * Ready waiting for someone to continue it. It is enrichment only: a denied or failing call turns it off with one
 * note and never changes the outcome.
 */
class DeploymentDetails {
  readonly #client: CodeDeployClient;
  readonly #signal: AbortSignal;
  readonly #targets = new Map<string, string>();
  readonly #lifecycle = new Map<string, string>();
  #traffic = '';
  #disabled = false;
  readonly #announcedReady = new Set<string>();

  constructor(region: string, signal: AbortSignal) {
    this.#client = new CodeDeployClient(clientConfig(region));
    this.#signal = signal;
  }

  /** Lines describing what changed in the deployment since the last call (empty when nothing did). */
  async changes(deploymentId: string): Promise<string[]> {
    if (this.#disabled) return [];
    try {
      const target = await this.#target(deploymentId);
      if (target === undefined) return [];
      const lines = this.#diff(target);
      if (target.status === 'Ready' && !this.#announcedReady.has(deploymentId)) {
        this.#announcedReady.add(deploymentId);
        lines.push(await readyWaitNote(this.#client, deploymentId, target, this.#signal));
      }
      return lines;
    } catch (error) {
      if (isRetryableAwsError(error) || this.#signal.aborted) return [];
      this.#disabled = true;
      const reason = classifyAwsError(error) === AWS_ERROR_KIND.Denied
        ? 'codedeploy:ListDeploymentTargets / codedeploy:GetDeploymentTarget are not allowed'
        : String((error as Error).message);
      return [`Deployment details unavailable (${reason}); following the pipeline only.`];
    }
  }

  async #target(deploymentId: string): Promise<ECSTarget | undefined> {
    let targetId = this.#targets.get(deploymentId);
    if (targetId === undefined) {
      const listed = await this.#client.send(new ListDeploymentTargetsCommand({ deploymentId }), {
        abortSignal: this.#signal,
      });
      targetId = listed.targetIds?.[0];
      if (targetId === undefined) return undefined;
      this.#targets.set(deploymentId, targetId);
    }
    const answer = await this.#client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }), {
      abortSignal: this.#signal,
    });
    return answer.deploymentTarget?.ecsTarget;
  }

  #diff(target: ECSTarget): string[] {
    const lines: string[] = [];
    for (const [name, status] of describeLifecycle(target)) {
      if (this.#lifecycle.get(name) === status) continue;
      this.#lifecycle.set(name, status);
      if (status !== 'Pending') lines.push(`  deployment ${target.deploymentId ?? ''}: ${name} ${status}`);
    }
    const traffic = describeTraffic(target);
    if (traffic !== '' && traffic !== this.#traffic) {
      this.#traffic = traffic;
      lines.push(`  traffic: ${traffic}`);
    }
    return lines;
  }
}

export { DeploymentDetails };
