import type { SeededRandom } from '../random.js';

interface ListenerSpec {
  readonly port: number;
  readonly protocol: string;
}

interface LoadBalancerSpec {
  /** Default: derived from the DNS name. */
  readonly name?: string;
  readonly dnsName: string;
  /** internet-facing | internal */
  readonly scheme: string;
  readonly listeners: readonly ListenerSpec[];
}

interface LoadBalancerArns {
  readonly loadBalancerArn: string;
  /** In the order of `listeners`. */
  readonly listenerArns: readonly string[];
}

interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly dnsName: string;
  readonly scheme: string;
  readonly createdTime: Date;
}

interface ListenerRecord extends ListenerSpec {
  readonly arn: string;
  readonly loadBalancerArn: string;
}

/** The ELBv2 resources that hook discovery reads: application load balancers and their listeners. */
class LoadBalancerStore {
  readonly #random: SeededRandom;
  readonly #region: string;
  readonly #account: string;
  readonly loadBalancers = new Map<string, LoadBalancerRecord>();
  readonly listeners = new Map<string, ListenerRecord>();

  constructor(options: { random: SeededRandom; region: string; account: string }) {
    this.#random = options.random;
    this.#region = options.region;
    this.#account = options.account;
  }

  add(spec: LoadBalancerSpec, now: Date): LoadBalancerArns {
    const name = spec.name ?? (spec.dnsName.split('.')[0] ?? 'alb').slice(0, 32);
    const lbId = this.#random.hex(16);
    const arn = `arn:aws:elasticloadbalancing:${this.#region}:${this.#account}:loadbalancer/app/${name}/${lbId}`;
    this.loadBalancers.set(arn, { arn, name, dnsName: spec.dnsName, scheme: spec.scheme, createdTime: now });
    const listenerArns = spec.listeners.map((listener) => {
      const listenerArn = `arn:aws:elasticloadbalancing:${this.#region}:${this.#account}:listener/app/${name}/${lbId}/${this.#random.hex(16)}`;
      this.listeners.set(listenerArn, { ...listener, arn: listenerArn, loadBalancerArn: arn });
      return listenerArn;
    });
    return { loadBalancerArn: arn, listenerArns };
  }
}

export { LoadBalancerStore };
export type { ListenerRecord, ListenerSpec, LoadBalancerArns, LoadBalancerRecord, LoadBalancerSpec };
