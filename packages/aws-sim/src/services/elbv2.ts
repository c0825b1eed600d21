import { AwsServiceError } from '../errors.js';
import type { ListenerRuleRecord, ListenerRuleStore } from '../engine/listener-rule-store.js';
import type { ListenerRecord, LoadBalancerRecord, LoadBalancerStore } from '../engine/load-balancer-store.js';
import { optionalNumber, optionalString, stringList } from './input.js';
import type { ServiceDefinition } from './service.js';

const listenerView = (listener: ListenerRecord): object => ({
  ListenerArn: listener.arn,
  LoadBalancerArn: listener.loadBalancerArn,
  Port: listener.port,
  Protocol: listener.protocol,
});

const loadBalancerView = (loadBalancer: LoadBalancerRecord): object => ({
  LoadBalancerArn: loadBalancer.arn,
  DNSName: loadBalancer.dnsName,
  CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
  CreatedTime: loadBalancer.createdTime,
  LoadBalancerName: loadBalancer.name,
  Scheme: loadBalancer.scheme,
  VpcId: 'vpc-0123456789abcdef0',
  State: { Code: 'active' },
  Type: 'application',
  IpAddressType: 'ipv4',
});

const ruleView = (rule: ListenerRuleRecord): object => ({
  RuleArn: rule.arn,
  // ELBv2 spells a rule's priority as a string ("default" for the listener's default rule).
  Priority: String(rule.priority),
  Conditions: [{ Field: 'path-pattern', Values: rule.pathPatterns, PathPatternConfig: { Values: rule.pathPatterns } }],
  Actions: [
    {
      Type: 'forward',
      Order: 1,
      ForwardConfig: {
        TargetGroups: rule.targetGroups.map((group) => ({ TargetGroupArn: group.targetGroupArn, Weight: group.weight })),
        TargetGroupStickinessConfig: { Enabled: false },
      },
    },
  ],
  IsDefault: false,
});

/** Elastic Load Balancing v2 (AWS Query protocol, XML): the discovery reads of the hook, and listener rules. */
const elbv2Service = (store: LoadBalancerStore, rules: ListenerRuleStore): ServiceDefinition => ({
  service: 'elasticloadbalancing',
  signingName: 'elasticloadbalancing',
  operations: {
    DescribeListeners: (input) => {
      const arns = stringList(input, 'ListenerArns');
      const loadBalancerArn = optionalString(input, 'LoadBalancerArn');
      if (arns.length === 0 && loadBalancerArn === undefined) {
        throw new AwsServiceError('ValidationError', 'You must specify either listener ARNs or a load balancer ARN');
      }
      if (loadBalancerArn !== undefined && !store.loadBalancers.has(loadBalancerArn)) {
        throw new AwsServiceError('LoadBalancerNotFoundException', `Load balancer '${loadBalancerArn}' not found`);
      }
      const listeners = arns.map((arn) => {
        const listener = store.listeners.get(arn);
        if (listener === undefined) {
          throw new AwsServiceError('ListenerNotFoundException', `One or more listeners not found`);
        }
        return listener;
      });
      const byBalancer = loadBalancerArn === undefined ? [] : [...store.listeners.values()].filter((listener) => listener.loadBalancerArn === loadBalancerArn);
      return { Listeners: [...listeners, ...byBalancer].map(listenerView) };
    },

    DescribeRules: (input) => {
      const arns = stringList(input, 'RuleArns');
      const listenerArn = optionalString(input, 'ListenerArn');
      if ((arns.length === 0) === (listenerArn === undefined)) {
        throw new AwsServiceError('ValidationError', 'You must specify either listener ARN or rule ARNs');
      }
      if (listenerArn !== undefined && !store.listeners.has(listenerArn)) {
        throw new AwsServiceError('ListenerNotFoundException', 'One or more listeners not found');
      }
      const found = listenerArn === undefined ? arns.map((arn) => rules.get(arn)) : rules.ofListener(listenerArn);
      const pageSize = optionalNumber(input, 'PageSize', 1, 400) ?? 400;
      const marker = optionalString(input, 'Marker');
      const offset = marker === undefined ? 0 : Number(Buffer.from(marker, 'base64url').toString('utf8'));
      if (!Number.isInteger(offset) || offset < 0 || offset > found.length) {
        throw new AwsServiceError('ValidationError', 'Invalid Marker');
      }
      const end = Math.min(found.length, offset + pageSize);
      return {
        Rules: found.slice(offset, end).map(ruleView),
        ...(end < found.length ? { NextMarker: Buffer.from(String(end), 'utf8').toString('base64url') } : {}),
      };
    },

    DescribeLoadBalancers: (input) => {
      const arns = stringList(input, 'LoadBalancerArns');
      const names = stringList(input, 'Names');
      const all = [...store.loadBalancers.values()];
      if (arns.length === 0 && names.length === 0) {
        return { LoadBalancers: all.map(loadBalancerView) };
      }
      const found = [
        ...arns.map((arn) => all.find((candidate) => candidate.arn === arn)),
        ...names.map((name) => all.find((candidate) => candidate.name === name)),
      ];
      if (found.some((candidate) => candidate === undefined)) {
        throw new AwsServiceError('LoadBalancerNotFoundException', 'One or more load balancers not found');
      }
      return { LoadBalancers: found.flatMap((candidate) => (candidate === undefined ? [] : [loadBalancerView(candidate)])) };
    },
  },
});

export { elbv2Service };
