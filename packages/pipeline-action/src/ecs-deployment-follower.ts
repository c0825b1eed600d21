import {
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AWS_ERROR_KIND, classifyAwsError, isRetryableAwsError } from '@greenlight/aws-retry';
import type { ActionRun } from './action-tracker.js';
import { clientConfig } from './clients.js';
import type { TrafficStep, TrafficWeight } from './deployment-story.js';
import { ecsDeployTarget, findServiceDeployment } from './ecs-deployment-lookup.js';
import { hookName, type FailedServiceDeploymentHook, type ServiceDeploymentFacts, type ServiceDeploymentStage } from './service-deployment.js';

const FINAL_STATUSES = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);
const FAILED_HOOK_STATUSES = new Set(['FAILED', 'TIMED_OUT']);

/** What the action reads of the service once (DescribeServices): its listener rules and its Lambda hooks. */
interface ServiceConfiguration {
  readonly production: string | undefined;
  readonly test: string | undefined;
  readonly lambdaHookArns: readonly string[];
}

const lastSegment = (arn: string): string => arn.split('/').at(-1) ?? arn;

/** `targetgroup/<name>/<id>` → name. */
const targetGroupName = (arn: string | undefined): string => /targetgroup\/([^/]+)\//.exec(arn ?? '')?.[1] ?? arn ?? '?';

/**
 * Follows the Amazon ECS native blue/green service deployment of a running ECS deploy action: finds it
 * (ListServiceDeployments, created after the action started), prints each lifecycle stage as it is reached with
 * the target revision's task counts and the stage's hooks, and the listener rules' forward weights when it can read
 * them (DescribeServices for the rules, ELBv2 DescribeRules). Enrichment only: a denied or failing read turns that
 * part off with one note and never changes the outcome.
 */
class EcsDeploymentFollower {
  readonly #ecs: ECSClient;
  readonly #elbv2: ElasticLoadBalancingV2Client;
  readonly #signal: AbortSignal;
  #arn: string | undefined;
  #last: ServiceDeployment | undefined;
  readonly #stages: ServiceDeploymentStage[] = [];
  #failedHook: FailedServiceDeploymentHook | undefined;
  #hooksShown = '';
  #service: ServiceConfiguration | undefined;
  #traffic = '';
  readonly #trafficSteps: TrafficStep[] = [];
  #disabled = false;
  #trafficDisabled = false;

  constructor(region: string, signal: AbortSignal) {
    this.#ecs = new ECSClient(clientConfig(region));
    this.#elbv2 = new ElasticLoadBalancingV2Client(clientConfig(region));
    this.#signal = signal;
  }

  /** The service deployment's ARN, once found. */
  get serviceDeploymentArn(): string | undefined {
    return this.#arn;
  }

  /** What was seen, for the report; undefined until the deployment was found. */
  facts(): ServiceDeploymentFacts | undefined {
    if (this.#arn === undefined) return undefined;
    return {
      serviceDeploymentArn: this.#arn,
      status: this.#last?.status,
      statusReason: this.#last?.statusReason,
      createdAt: this.#last?.createdAt,
      finishedAt: this.#last?.finishedAt,
      stages: [...this.#stages],
      failedHook: this.#failedHook,
      lambdaHookArns: this.#service?.lambdaHookArns ?? [],
      traffic: [...this.#trafficSteps],
    };
  }

  /** Lines describing what changed since the last call (empty when nothing did). */
  async changes(run: ActionRun): Promise<string[]> {
    if (this.#disabled || (this.#last !== undefined && FINAL_STATUSES.has(this.#last.status ?? ''))) return [];
    const target = ecsDeployTarget(run.configuration);
    if (target === undefined || run.startTime === undefined) return [];
    try {
      if (this.#arn === undefined) {
        const brief = await findServiceDeployment(this.#ecs, target, run.startTime, this.#signal);
        if (brief?.serviceDeploymentArn === undefined) return [];
        this.#arn = brief.serviceDeploymentArn;
      }
      const described = await this.#ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [this.#arn] }), {
        abortSignal: this.#signal,
      });
      const deployment = described.serviceDeployments?.[0];
      if (deployment === undefined) return [];
      const lines = this.#diff(deployment);
      if (lines.length > 0) lines.push(...(await this.#trafficLines(target.cluster, target.service)));
      return lines;
    } catch (error) {
      if (isRetryableAwsError(error) || this.#signal.aborted) return [];
      this.#disabled = true;
      const reason = classifyAwsError(error) === AWS_ERROR_KIND.Denied
        ? 'ecs:ListServiceDeployments / ecs:DescribeServiceDeployments are not allowed'
        : String((error as Error).message);
      return [`Service deployment details unavailable (${reason}); following the pipeline only.`];
    }
  }

  #diff(deployment: ServiceDeployment): string[] {
    const previous = this.#last;
    this.#last = deployment;
    const lines: string[] = [];
    const name = lastSegment(this.#arn ?? '');
    const stage = deployment.lifecycleStage;
    if (stage !== undefined && stage !== previous?.lifecycleStage) {
      this.#stages.push({ stage, seenAt: new Date() });
      const revision = deployment.targetServiceRevision;
      const tasks = revision === undefined ? '' : ` (${revision.runningTaskCount ?? 0}/${revision.requestedTaskCount ?? 0} tasks)`;
      lines.push(`  service deployment ${name}: ${stage} — target revision ${lastSegment(revision?.arn ?? '?')}${tasks}`);
    }
    const hooks = (deployment.lifecycleHookDetails ?? []).map((hook) => `${hookName(hook.targetArn ?? '?')} ${hook.status ?? '?'}`).join(', ');
    if (hooks !== '' && hooks !== this.#hooksShown) lines.push(`  hooks at ${stage ?? '?'}: ${hooks}`);
    this.#hooksShown = hooks;
    const failed = (deployment.lifecycleHookDetails ?? []).find((hook) => FAILED_HOOK_STATUSES.has(hook.status ?? ''));
    if (failed !== undefined && this.#failedHook === undefined) {
      this.#failedHook = { targetArn: failed.targetArn ?? '?', stage: stage ?? '?', status: failed.status ?? 'FAILED' };
    }
    if (deployment.status !== previous?.status && deployment.status !== 'IN_PROGRESS') {
      const reason = deployment.statusReason === undefined ? '' : `: ${deployment.statusReason}`;
      lines.push(`  service deployment ${name}: ${deployment.status ?? '?'}${reason}`);
    }
    return lines;
  }

  /** The production and test rules' forward weights, when they changed; one note and off when they cannot be read. */
  async #trafficLines(cluster: string, service: string): Promise<string[]> {
    if (this.#trafficDisabled) return [];
    try {
      this.#service ??= await this.#serviceConfiguration(cluster, service);
      const rules = this.#service;
      const arns = [rules.production, rules.test].filter((arn) => arn !== undefined);
      if (arns.length === 0) return [];
      const { Rules } = await this.#elbv2.send(new DescribeRulesCommand({ RuleArns: arns }), { abortSignal: this.#signal });
      const weights = (ruleArn: string | undefined): TrafficWeight[] | undefined => {
        const rule = Rules?.find((candidate) => candidate.RuleArn === ruleArn);
        const groups = rule?.Actions?.find((action) => action.Type === 'forward')?.ForwardConfig?.TargetGroups;
        return groups?.map((group) => ({ target: targetGroupName(group.TargetGroupArn), weight: group.Weight ?? 0 }));
      };
      const shown = (listener: TrafficStep['listener'], split: readonly TrafficWeight[] | undefined): string | undefined =>
        split === undefined ? undefined : `${listener} ${split.map((group) => `${group.target} ${group.weight}%`).join(' · ')}`;
      const production = weights(rules.production);
      const test = weights(rules.test);
      const traffic = [shown('production', production), shown('test', test)].filter((part) => part !== undefined).join('; ');
      if (traffic === '' || traffic === this.#traffic) return [];
      this.#traffic = traffic;
      this.#recordTraffic('production', production);
      this.#recordTraffic('test', test);
      return [`  traffic: ${traffic}`];
    } catch (error) {
      if (isRetryableAwsError(error) || this.#signal.aborted) return [];
      this.#trafficDisabled = true;
      const reason = classifyAwsError(error) === AWS_ERROR_KIND.Denied
        ? 'ecs:DescribeServices / elasticloadbalancing:DescribeRules are not allowed'
        : String((error as Error).message);
      return [`  traffic weights unavailable (${reason}).`];
    }
  }

  /** Keeps a listener's split with the time it was seen, when it differs from the last one seen. */
  #recordTraffic(listener: TrafficStep['listener'], weights: readonly TrafficWeight[] | undefined): void {
    if (weights === undefined) return;
    const last = this.#trafficSteps.findLast((step) => step.listener === listener);
    if (last !== undefined && JSON.stringify(last.weights) === JSON.stringify(weights)) return;
    this.#trafficSteps.push({ at: new Date(), listener, weights });
  }

  async #serviceConfiguration(cluster: string, service: string): Promise<ServiceConfiguration> {
    const { services } = await this.#ecs.send(new DescribeServicesCommand({ cluster, services: [service] }), { abortSignal: this.#signal });
    const described = services?.[0];
    const advanced = described?.loadBalancers?.find((balancer) => balancer.advancedConfiguration !== undefined)?.advancedConfiguration;
    const lambdaHookArns = (described?.deploymentConfiguration?.lifecycleHooks ?? [])
      .map((hook) => hook.hookTargetArn ?? '')
      .filter((arn) => arn.includes(':lambda:'));
    return { production: advanced?.productionListenerRule, test: advanced?.testListenerRule, lambdaHookArns };
  }
}

export { EcsDeploymentFollower };
