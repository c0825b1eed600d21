import { Agent, request as httpRequest } from 'node:http';

interface LoadGeneratorOptions {
  /** The production listener, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  readonly path?: string;
  /** Requests started per second. */
  readonly ratePerSecond: number;
  /** Requests allowed in flight at once; further ticks are skipped, not queued, so the rate stays bounded. */
  readonly maxInFlight?: number;
  /** The generator stops on its own after this long even if nobody calls stop(). */
  readonly maxDurationMs: number;
  /** A request still unanswered after this long counts as failed. */
  readonly requestTimeoutMs?: number;
  /** Width of the time buckets in the report. */
  readonly bucketMs?: number;
}

interface Sample {
  readonly phase: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** The version that answered; undefined when the request failed. */
  readonly version?: string;
  readonly error?: string;
}

interface Tally {
  readonly sent: number;
  readonly failed: number;
  readonly versions: Readonly<Record<string, number>>;
}

interface PhaseTally extends Tally {
  readonly phase: string;
}

interface Bucket extends Tally {
  /** Offset of the bucket's start from the generator's start, by request start time. */
  readonly startMs: number;
}

interface PhaseChange {
  readonly phase: string;
  /** Epoch ms. */
  readonly at: number;
}

interface LoadReport extends Tally {
  readonly skipped: number;
  /** When each phase began, in order: a request that started and ended within one phase was routed in it. */
  readonly phaseChanges: readonly PhaseChange[];
  readonly durationMs: number;
  readonly phases: readonly PhaseTally[];
  readonly buckets: readonly Bucket[];
  /** Up to ten distinct failure reasons, for the user to see what went wrong. */
  readonly errors: readonly string[];
  readonly samples: readonly Sample[];
}

const tally = (samples: readonly Sample[]): Tally => {
  const versions: Record<string, number> = {};
  let failed = 0;
  for (const sample of samples) {
    if (sample.version === undefined) failed++;
    else versions[sample.version] = (versions[sample.version] ?? 0) + 1;
  }
  return { sent: samples.length, failed, versions };
};

/** What was answered between two tallies of the same generator. */
const tallyDifference = (current: Tally, previous: Tally): Tally => ({
  sent: current.sent - previous.sent,
  failed: current.failed - previous.failed,
  versions: Object.fromEntries(
    Object.entries(current.versions)
      .map(([version, count]) => [version, count - (previous.versions[version] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  ),
});

const groupBy = <K>(samples: readonly Sample[], key: (sample: Sample) => K): Map<K, Sample[]> => {
  const groups = new Map<K, Sample[]>();
  for (const sample of samples) {
    const group = groups.get(key(sample));
    if (group) group.push(sample);
    else groups.set(key(sample), [sample]);
  }
  return groups;
};

/**
 * Steady keep-alive GET requests to the production listener, each recording which version answered: the
 * user's view of the deployment. Every request is accounted for: answered with a version, or failed with a
 * reason (connection error, timeout, non-200, unreadable body).
 */
class LoadGenerator {
  readonly #options: Required<LoadGeneratorOptions>;
  readonly #agent: Agent;
  readonly #samples: Sample[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #phaseChanges: PhaseChange[] = [];
  #phase = 'start';
  #skipped = 0;
  #startedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #deadline: NodeJS.Timeout | undefined;
  #stopped: Promise<LoadReport> | undefined;

  constructor(options: LoadGeneratorOptions) {
    this.#options = { path: '/version', maxInFlight: 32, requestTimeoutMs: 5_000, bucketMs: 1_000, ...options };
    this.#agent = new Agent({ keepAlive: true, maxSockets: this.#options.maxInFlight });
  }

  get phase(): string {
    return this.#phase;
  }

  /** Labels the requests started from now on, so the report can count each phase on its own. */
  setPhase(phase: string): void {
    if (phase === this.#phase) return;
    this.#phase = phase;
    this.#phaseChanges.push({ phase, at: Date.now() });
  }

  /** Samples so far, for live progress. */
  tally(): Tally {
    return tally(this.#samples);
  }

  start(): void {
    this.#startedAt = Date.now();
    this.#timer = setInterval(() => this.#tick(), 1_000 / this.#options.ratePerSecond);
    this.#deadline = setTimeout(() => void this.stop(), this.#options.maxDurationMs);
  }

  /** Stops sending, waits for the requests in flight, and reports. Safe to call more than once. */
  stop(): Promise<LoadReport> {
    this.#stopped ??= this.#finish();
    return this.#stopped;
  }

  async #finish(): Promise<LoadReport> {
    clearInterval(this.#timer);
    clearTimeout(this.#deadline);
    await Promise.all(this.#pending);
    this.#agent.destroy();
    const samples = [...this.#samples].sort((left, right) => left.startedAt - right.startedAt);
    const phases = [...groupBy(samples, (sample) => sample.phase)].map(([phase, group]) => ({
      phase,
      ...tally(group),
    }));
    const buckets = [
      ...groupBy(samples, (sample) => Math.floor((sample.startedAt - this.#startedAt) / this.#options.bucketMs)),
    ].map(([index, group]) => ({ startMs: index * this.#options.bucketMs, ...tally(group) }));
    const errors = [...new Set(samples.flatMap((sample) => (sample.error === undefined ? [] : [sample.error])))];
    return {
      ...tally(samples),
      skipped: this.#skipped,
      phaseChanges: [...this.#phaseChanges],
      durationMs: Date.now() - this.#startedAt,
      phases,
      buckets,
      errors: errors.slice(0, 10),
      samples,
    };
  }

  #tick(): void {
    if (this.#pending.size >= this.#options.maxInFlight) {
      this.#skipped++;
      return;
    }
    const pending = this.#send(this.#phase).then((sample) => {
      this.#samples.push(sample);
      this.#pending.delete(pending);
    });
    this.#pending.add(pending);
  }

  #send(phase: string): Promise<Sample> {
    const startedAt = Date.now();
    return new Promise<Sample>((resolve) => {
      const done = (outcome: { version: string } | { error: string }): void =>
        resolve({ phase, startedAt, endedAt: Date.now(), ...outcome });
      const request = httpRequest(
        `${this.#options.url}${this.#options.path}`,
        { agent: this.#agent, timeout: this.#options.requestTimeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('error', (error) => done({ error: `response: ${error.message}` }));
          response.once('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode !== 200) {
              done({ error: `HTTP ${response.statusCode}: ${body.slice(0, 120)}` });
              return;
            }
            try {
              const { version } = JSON.parse(body) as { version?: unknown };
              if (typeof version === 'string') done({ version });
              else done({ error: `no version in ${body.slice(0, 120)}` });
            } catch {
              done({ error: `unreadable body ${body.slice(0, 120)}` });
            }
          });
        },
      );
      request.once('timeout', () => request.destroy(new Error(`no answer in ${this.#options.requestTimeoutMs} ms`)));
      request.once('error', (error) => done({ error: `request: ${error.message}` }));
      request.end();
    });
  }
}

export { LoadGenerator, tally, tallyDifference };
export type { Bucket, LoadGeneratorOptions, LoadReport, PhaseChange, PhaseTally, Sample, Tally };
