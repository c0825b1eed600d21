import { deriveSeed, SeededRandom } from '@greenlight/aws-sim';
import { Listener } from './listener.js';
import { TargetGroup } from './target-group.js';
import { ALL_BLUE, type TrafficWeights } from './weights.js';

interface LoadBalancerOptions {
  readonly seed: number;
}

/**
 * The local stand-in for the ALB the Terraform stack builds: a production listener and a test listener over
 * the same blue and green target groups, both starting all-blue.
 */
class LoadBalancer {
  readonly blue = new TargetGroup('blue');
  readonly green = new TargetGroup('green');
  readonly production: Listener;
  readonly test: Listener;

  constructor(options: LoadBalancerOptions) {
    const listener = (name: string): Listener => {
      const random = new SeededRandom(deriveSeed(options.seed, name));
      return new Listener({ name, blue: this.blue, green: this.green, weights: ALL_BLUE, random: () => random.next() });
    };
    this.production = listener('production');
    this.test = listener('test');
  }

  /** Both listeners on free loopback ports: rehearsals can run side by side. */
  async start(): Promise<void> {
    await this.production.listen();
    await this.test.listen();
  }

  /** Both listeners back to blue in one turn of the event loop: no request sees one moved and not the other. */
  routeAll(weights: TrafficWeights): void {
    this.production.setWeights(weights);
    this.test.setWeights(weights);
  }

  async stop(): Promise<void> {
    await Promise.all([this.production.close(), this.test.close()]);
    this.blue.close();
    this.green.close();
  }
}

export { LoadBalancer };
export type { LoadBalancerOptions };
