import {
  CodeDeployClient,
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  type DeploymentInfo,
  ListDeploymentTargetsCommand,
  type ECSTarget,
} from '@aws-sdk/client-codedeploy';
import { AWS_ERROR_KIND, classifyAwsError, isRetryableAwsError } from '@greenlight/aws-retry';
import { clientConfig } from './clients.js';
import type { DeploymentPhase, DeploymentStory, TrafficStep, TrafficWeight } from './deployment-story.js';
import { readyWaitNote } from './ready-wait.js';

/** Lifecycle events in these states did not happen (yet), so the summary leaves them out. */
const NOT_HAPPENED: ReadonlySet<string> = new Set(['Pending', 'Skipped']);
const TERMINATION_WAIT = 'Termination wait (blue kept)';

/** What was seen of one deployment: its last target and each production weight change. */
interface Observed {
  target: ECSTarget;
  readonly traffic: TrafficStep[];
}

/** The deployment as the action last saw it, after its pipeline action ended. */
interface SettledDeployment {
  /** What changed since the last poll, for the log. */
  readonly lines: readonly string[];
  readonly story: Omit<DeploymentStory, 'hookChecks'> | undefined;
  /** GetDeployment's answer (the AppSpec names the hooks); undefined when it could not be read. */
  readonly deployment: DeploymentInfo | undefined;
}

const greenLabel = (target: ECSTarget): string =>
  target.taskSetsInfo?.map((taskSet) => taskSet.taskSetLabel ?? '').find((label) => label.toUpperCase() === 'GREEN') ?? 'Green';

/**
 * The termination wait: CodeDeploy keeps blue for the group's terminationWaitTimeInMinutes after the last
 * lifecycle event, and completes the deployment when it ends (or when someone continues it early).
 */
const terminationWait = (events: readonly DeploymentPhase[], deployment: DeploymentInfo | undefined): DeploymentPhase | undefined => {
  const minutes = deployment?.blueGreenDeploymentConfiguration?.terminateBlueInstancesOnDeploymentSuccess?.terminationWaitTimeInMinutes ?? 0;
  const last = events.at(-1);
  if (minutes <= 0 || last?.name !== 'AfterAllowTraffic' || last.status !== 'Succeeded') return undefined;
  const status = deployment?.status === 'Succeeded' ? 'Succeeded' : deployment?.status === 'InProgress' ? 'InProgress' : 'Failed';
  return { name: TERMINATION_WAIT, start: last.end, end: deployment?.completeTime, status };
};

const weightsOf = (target: ECSTarget): TrafficWeight[] =>
  (target.taskSetsInfo ?? []).map((taskSet) => ({ target: taskSet.taskSetLabel ?? taskSet.identifer ?? '?', weight: taskSet.trafficWeight ?? 0 }));

const sameWeights = (a: readonly TrafficWeight[], b: readonly TrafficWeight[] | undefined): boolean =>
  b !== undefined && a.length === b.length && a.every((weight, index) => weight.target === b[index]?.target && weight.weight === b[index]?.weight);

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
  readonly #observed = new Map<string, Observed>();

  constructor(region: string, signal: AbortSignal) {
    this.#client = new CodeDeployClient(clientConfig(region));
    this.#signal = signal;
  }

  /** Lines describing what changed in the deployment since the last call (empty when nothing did). */
  async changes(deploymentId: string, signal: AbortSignal = this.#signal): Promise<string[]> {
    if (this.#disabled) return [];
    try {
      const target = await this.#target(deploymentId, signal);
      if (target === undefined) return [];
      this.#observe(deploymentId, target);
      const lines = this.#diff(target);
      if (target.status === 'Ready' && !this.#announcedReady.has(deploymentId)) {
        this.#announcedReady.add(deploymentId);
        lines.push(await readyWaitNote(this.#client, deploymentId, target, signal));
      }
      return lines;
    } catch (error) {
      if (isRetryableAwsError(error) || signal.aborted) return [];
      this.#disabled = true;
      const reason = classifyAwsError(error) === AWS_ERROR_KIND.Denied
        ? 'codedeploy:ListDeploymentTargets / codedeploy:GetDeploymentTarget are not allowed'
        : String((error as Error).message);
      return [`Deployment details unavailable (${reason}); following the pipeline only.`];
    }
  }

  /**
   * The last look after the pipeline action ended (GetDeploymentTarget, then GetDeployment), and the story: the
   * lifecycle events with CodeDeploy's times and the termination wait, each production weight change seen, and
   * the moves to green that AllowTestTraffic and AllowTraffic ending mark. `signal` replaces the run's, which a cancelled
   * run has already aborted.
   */
  async settle(deploymentId: string, signal: AbortSignal = this.#signal): Promise<SettledDeployment> {
    const lines = await this.changes(deploymentId, signal);
    const deployment = this.#disabled
      ? undefined
      : await this.#client
          .send(new GetDeploymentCommand({ deploymentId }), { abortSignal: signal })
          .then((answer) => answer.deploymentInfo)
          // Enrichment only: without it the story lacks the termination wait and the hook checks.
          .catch(() => undefined);
    return { lines, story: this.#story(deploymentId, deployment), deployment };
  }

  /** The story from what was seen. */
  #story(deploymentId: string, deployment: DeploymentInfo | undefined): Omit<DeploymentStory, 'hookChecks'> | undefined {
    const observed = this.#observed.get(deploymentId);
    if (observed === undefined) return undefined;
    const events: DeploymentPhase[] = (observed.target.lifecycleEvents ?? [])
      .filter((event) => !NOT_HAPPENED.has(event.status ?? 'Pending'))
      .map((event) => ({ name: event.lifecycleEventName ?? '?', start: event.startTime, end: event.endTime, status: event.status ?? 'Unknown' }));
    const wait = terminationWait(events, deployment);
    // Two moves have CodeDeploy's own time: the test listener is on green when AllowTestTraffic ends, and all of
    // production when AllowTraffic ends (an all-at-once shift often falls between two polls).
    const allGreen = (name: string, listener: TrafficStep['listener']): TrafficStep[] => {
      const end = events.find((event) => event.name === name && event.status === 'Succeeded')?.end;
      return end === undefined ? [] : [{ at: end, listener, weights: [{ target: greenLabel(observed.target), weight: 100 }] }];
    };
    const traffic = [...observed.traffic, ...allGreen('AllowTestTraffic', 'test'), ...allGreen('AllowTraffic', 'production')].sort(
      (a, b) => a.at.getTime() - b.at.getTime(),
    );
    return { phases: wait === undefined ? events : [...events, wait], traffic };
  }

  #observe(deploymentId: string, target: ECSTarget): void {
    const observed = this.#observed.get(deploymentId) ?? { target, traffic: [] };
    this.#observed.set(deploymentId, observed);
    observed.target = target;
    const weights = weightsOf(target);
    if (weights.length > 0 && !sameWeights(weights, observed.traffic.at(-1)?.weights)) {
      observed.traffic.push({ at: new Date(), listener: 'production', weights });
    }
  }

  async #target(deploymentId: string, signal: AbortSignal): Promise<ECSTarget | undefined> {
    let targetId = this.#targets.get(deploymentId);
    if (targetId === undefined) {
      const listed = await this.#client.send(new ListDeploymentTargetsCommand({ deploymentId }), { abortSignal: signal });
      targetId = listed.targetIds?.[0];
      if (targetId === undefined) return undefined;
      this.#targets.set(deploymentId, targetId);
    }
    const answer = await this.#client.send(new GetDeploymentTargetCommand({ deploymentId, targetId }), { abortSignal: signal });
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
export type { SettledDeployment };
