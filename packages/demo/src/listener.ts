import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TargetGroup } from './target-group.js';
import type { TrafficWeights } from './weights.js';

interface ListenerOptions {
  readonly name: string;
  readonly blue: TargetGroup;
  readonly green: TargetGroup;
  readonly weights: TrafficWeights;
  /** Uniform [0, 1) source; seeded so routing is repeatable. */
  readonly random: () => number;
}

interface ListenerStats {
  readonly routed: { readonly blue: number; readonly green: number };
  /** When the first response from each target group finished on this listener (epoch ms). */
  readonly firstServedAt: { readonly blue?: number; readonly green?: number };
}

/**
 * A load balancer listener on loopback: every request, including each one on a kept-alive client connection,
 * is routed on its own by weighted random choice, as an ALB weighted forward action does. The weights are one
 * immutable value read once per request, so a change applies atomically: a request is routed entirely under
 * the old weights or entirely under the new ones, and requests already routed finish where they are.
 */
class Listener {
  readonly name: string;
  readonly #groups: { readonly blue: TargetGroup; readonly green: TargetGroup };
  readonly #random: () => number;
  readonly #server: Server;
  #weights: TrafficWeights;
  #routed = { blue: 0, green: 0 };
  #firstServedAt: { blue?: number; green?: number } = {};
  #port = 0;

  constructor(options: ListenerOptions) {
    this.name = options.name;
    this.#groups = { blue: options.blue, green: options.green };
    this.#random = options.random;
    this.#weights = options.weights;
    this.#server = createServer((request, response) => {
      const choice = this.#random() * 100 < this.#weights.blue ? 'blue' : 'green';
      this.#routed[choice]++;
      response.once('finish', () => {
        this.#firstServedAt[choice] ??= Date.now();
      });
      this.#groups[choice].forward(request, response, this.#port);
    });
    // Longer than any client's idle timeout, as the ALB's 60 s idle timeout is: the client closes first.
    this.#server.keepAliveTimeout = 65_000;
  }

  get weights(): TrafficWeights {
    return this.#weights;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get port(): number {
    return this.#port;
  }

  get stats(): ListenerStats {
    return { routed: { ...this.#routed }, firstServedAt: { ...this.#firstServedAt } };
  }

  setWeights(weights: TrafficWeights): void {
    this.#weights = weights;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
    return this.#port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    await closed;
  }
}

export { Listener };
export type { ListenerOptions, ListenerStats };
