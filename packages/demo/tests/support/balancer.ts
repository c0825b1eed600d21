import { LoadBalancer } from '../../src/load-balancer.js';
import { startBackend, type Backend } from './backend.js';

interface BalancedBackends {
  readonly balancer: LoadBalancer;
  readonly blue: Backend;
  readonly green: Backend;
  /** Stops the balancer and both backends. */
  readonly close: () => Promise<void>;
}

/** A load balancer with stand-in blue (v1) and green (v2) targets registered, all traffic on blue. */
const startBalancedBackends = async (seed: number): Promise<BalancedBackends> => {
  const [blue, green] = await Promise.all([startBackend('v1'), startBackend('v2')]);
  const balancer = new LoadBalancer({ seed });
  balancer.blue.register(blue.port);
  balancer.green.register(green.port);
  await balancer.start();
  return {
    balancer,
    blue,
    green,
    close: async () => {
      await balancer.stop();
      await Promise.all([blue.close(), green.close()]);
    },
  };
};

export { startBalancedBackends };
export type { BalancedBackends };
