import { AwsServiceError } from '../errors.js';
import type { SeededRandom } from '../random.js';

/** One target group of a rule's forward action with its weight (0–999, as ELBv2's TargetGroupTuple). */
interface WeightedTargetGroup {
  readonly targetGroupArn: string;
  readonly weight: number;
}

interface ListenerRuleSpec {
  readonly listenerArn: string;
  /** 1–50000; rules are evaluated in ascending priority. */
  readonly priority: number;
  /** Path patterns of the rule's `path-pattern` condition (default `/*`). */
  readonly pathPatterns?: readonly string[];
  /** The forward action's target groups, in order (the production target group first). */
  readonly targetGroups: readonly WeightedTargetGroup[];
}

interface ListenerRuleRecord {
  readonly arn: string;
  readonly listenerArn: string;
  readonly priority: number;
  readonly pathPatterns: readonly string[];
  targetGroups: WeightedTargetGroup[];
}

type RuleChangeListener = (ruleArn: string, targetGroups: readonly WeightedTargetGroup[]) => void;

/**
 * ELBv2 listener rules with a weighted forward action: what an Amazon ECS blue/green service's production and test
 * listener rules are, and what ECS changes as it shifts traffic.
 */
class ListenerRuleStore {
  readonly #random: SeededRandom;
  readonly #rules = new Map<string, ListenerRuleRecord>();
  readonly #watchers = new Set<RuleChangeListener>();

  constructor(random: SeededRandom) {
    this.#random = random;
  }

  add(spec: ListenerRuleSpec): string {
    // A rule ARN is the listener's with `listener` → `listener-rule` and the rule's own id appended.
    const arn = `${spec.listenerArn.replace(':listener/', ':listener-rule/')}/${this.#random.hex(16)}`;
    this.#rules.set(arn, {
      arn,
      listenerArn: spec.listenerArn,
      priority: spec.priority,
      pathPatterns: spec.pathPatterns ?? ['/*'],
      targetGroups: [...spec.targetGroups],
    });
    return arn;
  }

  get(arn: string): ListenerRuleRecord {
    const rule = this.#rules.get(arn);
    if (rule === undefined) {
      throw new AwsServiceError('RuleNotFoundException', 'One or more rules not found');
    }
    return rule;
  }

  has(arn: string): boolean {
    return this.#rules.has(arn);
  }

  ofListener(listenerArn: string): ListenerRuleRecord[] {
    return [...this.#rules.values()].filter((rule) => rule.listenerArn === listenerArn).sort((a, b) => a.priority - b.priority);
  }

  /** ModifyRule's effect on the forward action, as ECS calls it through the infrastructure role. */
  setWeights(arn: string, weights: Readonly<Record<string, number>>): void {
    const rule = this.get(arn);
    rule.targetGroups = rule.targetGroups.map((group) => ({ targetGroupArn: group.targetGroupArn, weight: weights[group.targetGroupArn] ?? 0 }));
    const targetGroups: readonly WeightedTargetGroup[] = [...rule.targetGroups];
    for (const watcher of this.#watchers) watcher(arn, targetGroups);
  }

  /** Calls `listener` after every weight change, with the rule's forward target groups as they now are. */
  onChange(listener: RuleChangeListener): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }
}

export { ListenerRuleStore };
export type { ListenerRuleRecord, ListenerRuleSpec, RuleChangeListener, WeightedTargetGroup };
