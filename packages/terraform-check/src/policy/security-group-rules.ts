import { coversWholeFamily, parseCidr, type Cidr } from '../cidr.js';
import { blocksOf, isObject, type HclObject } from '../hcl.js';
import { expressionsWithLocals, type TfBlock } from '../module-loader.js';
import { firstBlock } from './values.js';
import { perResource } from './per-resource.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';
import { refersTo, type ValueResolver } from './values.js';

const ALB_PUBLIC_PORTS = [80, 443];
const TEST_LISTENER_PORT = 8443;

interface IngressRule {
  readonly block: TfBlock;
  readonly member: string | undefined;
  /** Undefined when the ports are not known offline. */
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** Source blocks known offline. */
  readonly cidrs: readonly Cidr[];
  /** Address of the security group in this module the rule belongs to, when known. */
  readonly group: string | undefined;
}

const portOf = (value: unknown): number | undefined => {
  const port = typeof value === 'string' ? Number(value) : value;
  return typeof port === 'number' && Number.isFinite(port) ? port : undefined;
};

const ingressRule = async (block: TfBlock, member: string | undefined, body: HclObject, values: ValueResolver, group: string | undefined): Promise<IngressRule> => {
  const protocol = await values.scalar(body.protocol ?? body.ip_protocol);
  const allPorts = protocol === '-1' || protocol === -1 || protocol === 'all';
  const cidrs = [
    ...(await values.strings(body.cidr_blocks)),
    ...(await values.strings(body.ipv6_cidr_blocks)),
    ...(await values.strings(body.cidr_ipv4)),
    ...(await values.strings(body.cidr_ipv6)),
  ];
  return {
    block,
    member,
    from: allPorts ? 0 : portOf(await values.scalar(body.from_port)),
    to: allPorts ? 65535 : portOf(await values.scalar(body.to_port)),
    cidrs: cidrs.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined),
    group,
  };
};

const groupOf = (context: PolicyContext, rule: TfBlock): string | undefined => {
  return context
    .resources('aws_security_group')
    .map((group) => group.labels.join('.'))
    .find((address) => refersTo(rule.body.security_group_id, address));
};

const ingressRules = async (context: PolicyContext): Promise<IngressRule[]> => {
  const rules: IngressRule[] = [];
  for (const group of context.resources('aws_security_group')) {
    for (const ingress of blocksOf(group.body.ingress)) {
      rules.push(await ingressRule(group, 'ingress', ingress, context.values, group.labels.join('.')));
    }
  }
  for (const rule of context.resources('aws_security_group_rule')) {
    if ((await context.values.scalar(rule.body.type)) !== 'ingress') continue;
    rules.push(await ingressRule(rule, 'cidr_blocks', rule.body, context.values, groupOf(context, rule)));
  }
  for (const rule of context.resources('aws_vpc_security_group_ingress_rule')) {
    rules.push(await ingressRule(rule, undefined, rule.body, context.values, groupOf(context, rule)));
  }
  return rules;
};

const covers = (rule: IngressRule, port: number): boolean => {
  return rule.from !== undefined && rule.to !== undefined && rule.from <= port && port <= rule.to;
};

/**
 * Rules that together open their group to every IPv4 or IPv6 address: judged on the union of the sources of the
 * rules sharing a group (and, with `samePorts`, a port range), so 0.0.0.0/1 + 128.0.0.0/1 counts as the internet.
 */
const worldOpen = (rules: readonly IngressRule[], samePorts: boolean): IngressRule[] => {
  const buckets = new Map<string, IngressRule[]>();
  for (const rule of rules) {
    const key = `${rule.group ?? rule.block.labels.join('.')}${samePorts ? ` ${rule.from}-${rule.to}` : ''}`;
    buckets.set(key, [...(buckets.get(key) ?? []), rule]);
  }
  return [...buckets.values()].flatMap((bucket) => {
    const cidrs = bucket.flatMap((rule) => rule.cidrs);
    const families = ([4, 6] as const).filter((family) => coversWholeFamily(cidrs, family));
    return bucket.filter((rule) => rule.cidrs.some((cidr) => families.some((family) => cidr.family === family)));
  });
};

const sources = (rule: IngressRule): string => {
  return rule.cidrs.length === 1 && rule.cidrs[0]?.prefix === 0 ? 'the internet' : 'the internet (with the group\'s other sources, every address)';
};

const isLoadBalancerGroup = (context: PolicyContext, group: string): boolean => {
  return context.resources('aws_lb', 'aws_alb').some((lb) => refersTo(lb.body.security_groups, group));
};

const testListenerNeverPublic: PolicyRule = {
  id: 'GL_TEST_LISTENER_PUBLIC',
  mirrors: 'trivy AVD-AWS-0107, applied to the blue/green test listener',
  title: 'The test listener (:8443) is never open to the internet',
  waivable: false,
  async check(context) {
    const testListener = (await ingressRules(context)).filter((rule) => covers(rule, TEST_LISTENER_PORT));
    return worldOpen(testListener, false).map((rule) => ({
      block: rule.block,
      ...(rule.member ? { member: rule.member } : {}),
      message: `${rule.block.labels.join('.')} opens port ${TEST_LISTENER_PORT} (the test listener, serving the untested green version) to ${sources(rule)}: allow only private ranges and the hooks' security group`,
    }));
  },
};

/**
 * The expression naming the listener of a test listener rule: its listener_arn when the resource is labelled "test",
 * or the `test = ...` entry of the for_each map it is created from (with the locals behind it).
 */
const testRuleListener = async (context: PolicyContext, rule: TfBlock): Promise<string | undefined> => {
  if (rule.labels[1] === 'test') return expressionsWithLocals(context.module, [rule.body.listener_arn]).join('\n');
  if (!('for_each' in rule.body)) return undefined;
  // A map written out (directly or in a local), or one inside a conditional expression.
  const collection = await context.values.resolve(rule.body.for_each);
  if (isObject(collection)) return 'test' in collection ? expressionsWithLocals(context.module, [collection.test]).join('\n') : undefined;
  return /\btest\s*=\s*([^\n,}]+)/.exec(expressionsWithLocals(context.module, [rule.body.for_each]).join('\n'))?.[1];
};

const testListenerRuleNeverPublic: PolicyRule = {
  id: 'GL_TEST_LISTENER_RULE_PRIVATE',
  mirrors: 'trivy AVD-AWS-0107, applied to the test listener rule of ECS native blue/green (ECS Developer Guide, blue/green resources for Application Load Balancers)',
  title: 'The test listener rule is never reachable from the internet',
  waivable: false,
  async check(context) {
    const hits: PolicyHit[] = [];
    const ingress = await ingressRules(context);
    for (const rule of context.resources('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
      const listenerText = await testRuleListener(context, rule);
      if (listenerText === undefined) continue;
      for (const listener of context.resources('aws_lb_listener', 'aws_alb_listener').filter((candidate) => refersTo(listenerText, candidate.labels.join('.')))) {
        const port = portOf(await context.values.scalar(listener.body.port));
        if (port === undefined) continue;
        const open = worldOpen(ingress.filter((candidate) => covers(candidate, port)), false);
        if (open.length === 0) continue;
        const address = rule.labels.join('.');
        const opener = open.map((candidate) => candidate.block.labels.join('.')).join(', ');
        hits.push({
          block: rule,
          member: 'listener_arn' in rule.body ? 'listener_arn' : 'for_each',
          message: `${address}: the test listener rule is on ${listener.labels.join('.')} (port ${port}), which ${opener} opens to the internet, so anyone reaches the untested green version: put it on the test listener, open only to private ranges and the hooks`,
        });
      }
    }
    // A service whose test rule is its production rule serves test traffic to production's clients.
    for (const service of context.resources('aws_ecs_service')) {
      for (const balancer of blocksOf(service.body.load_balancer)) {
        const advanced = firstBlock(balancer, 'advanced_configuration');
        if (!advanced || advanced.test_listener_rule === undefined) continue;
        if (JSON.stringify(advanced.test_listener_rule) !== JSON.stringify(advanced.production_listener_rule)) continue;
        hits.push({
          block: service,
          member: 'test_listener_rule',
          message: `${service.labels.join('.')}: test_listener_rule is the production_listener_rule, so green is tested through the production listener, open to the internet: give the test traffic a rule on the private test listener`,
        });
      }
    }
    return hits;
  },
};

const noWorldIngress: PolicyRule = {
  id: 'AVD-AWS-0107',
  mirrors: 'trivy AVD-AWS-0107 / checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277',
  title: 'No ingress from 0.0.0.0/0 or ::/0 except to the ALB on 80/443',
  waivable: true,
  async check(context) {
    const hits: PolicyHit[] = [];
    const candidates = (await ingressRules(context)).filter((rule) => rule.from !== undefined && rule.to !== undefined && !covers(rule, TEST_LISTENER_PORT));
    for (const rule of worldOpen(candidates, true)) {
      if (rule.from === undefined || rule.to === undefined) continue;
      const address = rule.block.labels.join('.');
      const albPort = rule.from === rule.to && ALB_PUBLIC_PORTS.includes(rule.from);
      const albGroup = rule.group === undefined || isLoadBalancerGroup(context, rule.group);
      if (albPort && albGroup) continue;
      const message = albPort
        ? `${address} opens port ${rule.from} to ${sources(rule)} on a security group no load balancer uses: restrict the source`
        : `${address} opens ports ${rule.from}-${rule.to} to ${sources(rule)}: only the ALB's 80/443 may be public`;
      hits.push({ block: rule.block, ...(rule.member ? { member: rule.member } : {}), message });
    }
    return hits;
  },
};

const descriptions = perResource(
  { id: 'CKV_AWS_23', mirrors: 'checkov CKV_AWS_23', title: 'Security groups and their rules have descriptions', waivable: true },
  ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'],
  (block) => {
    const address = block.labels.join('.');
    const hits: PolicyHit[] = [];
    if (!('description' in block.body)) hits.push({ block, message: `${address} has no description: say what the group or rule allows and why` });
    for (const member of ['ingress', 'egress']) {
      blocksOf(block.body[member])
        .filter((rule) => !('description' in rule))
        .forEach(() => hits.push({ block, member, message: `an ${member} rule of ${address} has no description` }));
    }
    return Promise.resolve(hits);
  },
);

const securityGroupRules: readonly PolicyRule[] = [testListenerNeverPublic, testListenerRuleNeverPublic, noWorldIngress, descriptions];

export { securityGroupRules };
