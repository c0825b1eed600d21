import type { DeploymentPhase, DeploymentStory, TrafficStep } from './deployment-story.js';

/** One lifecycle stage of an Amazon ECS service deployment, when the action first saw it. */
interface ServiceDeploymentStage {
  readonly stage: string;
  readonly seenAt: Date;
}

/** The lifecycle hook that failed (or timed out) in an ECS service deployment. */
interface FailedServiceDeploymentHook {
  readonly targetArn: string;
  readonly stage: string;
  readonly status: string;
}

/**
 * What the action learned about the ECS native blue/green service deployment a Deploy action (provider `ECS`)
 * started. Its own file: the report reads it without loading the ECS client.
 */
interface ServiceDeploymentFacts {
  readonly serviceDeploymentArn: string;
  readonly status: string | undefined;
  readonly statusReason: string | undefined;
  /** When ECS created and finished it: the window its hook's log lines are in. */
  readonly createdAt: Date | undefined;
  readonly finishedAt: Date | undefined;
  readonly stages: readonly ServiceDeploymentStage[];
  /**
   * Seen only while ECS is at the hook's stage, which a rollback leaves at once: it may be missed between two polls.
   */
  readonly failedHook: FailedServiceDeploymentHook | undefined;
  /** The Lambda hooks registered on the service (DescribeServices), where a missed failed hook is looked for. */
  readonly lambdaHookArns: readonly string[];
  /** Each change of the production and test listener rules' weights, when they could be read. */
  readonly traffic: readonly TrafficStep[];
}

/** The statuses of a service deployment that did not reach its target revision (SDK `ServiceDeploymentStatus`). */
const ROLLED_BACK_STATUSES: ReadonlySet<string> = new Set(['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED']);

const isRolledBack = (facts: ServiceDeploymentFacts): boolean => ROLLED_BACK_STATUSES.has(facts.status ?? '');

/** A function ARN's name, as people know their hook (`arn:aws:lambda:…:function:name[:alias]`). */
const hookName = (targetArn: string): string => /:function:([^:]+)/.exec(targetArn)?.[1] ?? targetArn;

/**
 * The sentence the annotation and failure-message add: how the deployment ended, why, and which hook caused it
 * (left to the hook's own sentence when its log was read: `hookExplained`).
 */
const serviceDeploymentSentence = (facts: ServiceDeploymentFacts, hookExplained: boolean): string | undefined => {
  if (!isRolledBack(facts)) return undefined;
  const reason = facts.statusReason === undefined ? '' : `: ${facts.statusReason}`;
  const hook = facts.failedHook === undefined || hookExplained
    ? ''
    : ` The ${facts.failedHook.stage} lifecycle hook ${hookName(facts.failedHook.targetArn)} answered ${facts.failedHook.status}; its own reason is in its CloudWatch Logs group /aws/lambda/${hookName(facts.failedHook.targetArn)}.`;
  return `Service deployment ${facts.serviceDeploymentArn} ended ${facts.status ?? ''}${reason}${/[.!?]$/.test(reason) ? '' : '.'}${hook}`;
};

/** How the service deployment's last stage ended, in CodePipeline's words. */
const lastStageStatus = (status: string | undefined): string => {
  if (status === 'SUCCESSFUL') return 'Succeeded';
  return ROLLED_BACK_STATUSES.has(status ?? '') ? 'Failed' : 'InProgress';
};

/**
 * The stages as phases: each from the time it was first seen to the next one's (the last to `endedAt`, the
 * action's end, once the deployment ended); the stage whose hook failed is the failed one.
 */
const serviceDeploymentStory = (facts: ServiceDeploymentFacts, endedAt: Date | undefined): Omit<DeploymentStory, 'hookChecks'> => {
  const phases = facts.stages.map((stage, index): DeploymentPhase => {
    const next = facts.stages[index + 1];
    const last = next === undefined;
    const failed = facts.failedHook?.stage === stage.stage;
    return {
      name: stage.stage,
      start: stage.seenAt,
      end: next?.seenAt ?? (lastStageStatus(facts.status) === 'InProgress' ? undefined : endedAt),
      status: failed ? 'Failed' : last ? lastStageStatus(facts.status) : 'Succeeded',
    };
  });
  return { phases, traffic: facts.traffic };
};

export { hookName, isRolledBack, serviceDeploymentSentence, serviceDeploymentStory };
export type { FailedServiceDeploymentHook, ServiceDeploymentFacts, ServiceDeploymentStage };
