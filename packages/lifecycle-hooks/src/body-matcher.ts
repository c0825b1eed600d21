import { Worker } from 'node:worker_threads';

/** A match that ran to its end, or why it was cut. */
type BodyMatchResult = { readonly done: true; readonly matched: boolean } | { readonly done: false; readonly reason: string };

interface BodyMatchLimits {
  /** Time the match may run, from when the worker receives it. */
  readonly timeoutMs: number;
  /** Cuts the match (the hook's time budget). */
  readonly signal?: AbortSignal | undefined;
}

interface BodyMatcher {
  /** Whether `body` matches the JavaScript regular expression `pattern`; never blocks the caller's event loop. */
  test(pattern: string, body: string, limits: BodyMatchLimits): Promise<BodyMatchResult>;
  /** Terminates the worker; pending matches resolve as cut. */
  close(): void;
}

interface Job {
  readonly pattern: string;
  readonly body: string;
  readonly limits: BodyMatchLimits;
  readonly resolve: (result: BodyMatchResult) => void;
}

// The worker only compiles (once per pattern) and matches: CommonJS, as `eval` workers run.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const compiled = new Map();
parentPort.on('message', ({ pattern, body }) => {
  let regExp = compiled.get(pattern);
  if (regExp === undefined) {
    regExp = new RegExp(pattern);
    compiled.set(pattern, regExp);
  }
  parentPort.postMessage(regExp.test(body));
});
`;

// The worker holds one body (≤ 1 MiB) and the compiled patterns: a small heap, so that a match cannot take the
// function's memory with it (past the cap the worker dies and the match fails).
const WORKER_LIMITS = { maxOldGenerationSizeMb: 32 } as const;

const ABORTED = 'aborted: the time budget ran out';
const CLOSED = 'aborted: the checks ended';

/**
 * Matches bodies against configured patterns in a worker thread, one match at a time, and terminates the worker
 * when a match outlives its time limit or the signal aborts: V8's backtracking engine can take hours on a plausible
 * pattern (`(\d+\.?)+`), and a match on the hook's own thread would stop the timer that enforces its deadline (see
 * docs/adr/0008). The worker starts on the first match; a terminated one is replaced on the next.
 */
const createBodyMatcher = (): BodyMatcher => {
  const queue: Job[] = [];
  let worker: Worker | undefined;
  let current: { readonly job: Job; readonly timer: NodeJS.Timeout; readonly onAbort: () => void } | undefined;

  const settle = (result: BodyMatchResult): void => {
    if (current === undefined) {
      return;
    }
    const { job, timer, onAbort } = current;
    current = undefined;
    clearTimeout(timer);
    job.limits.signal?.removeEventListener('abort', onAbort);
    job.resolve(result);
    pump();
  };

  const discardWorker = (): void => {
    const discarded = worker;
    worker = undefined;
    void discarded?.terminate();
  };

  const cut = (reason: string): void => {
    discardWorker();
    settle({ done: false, reason });
  };

  const startWorker = (): Worker => {
    const started = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: WORKER_LIMITS });
    // A terminated worker's last answer may still be in flight: only the current worker speaks for the current job.
    started.on('message', (matched: boolean) => {
      if (worker === started) {
        settle({ done: true, matched });
      }
    });
    started.on('error', (error: Error) => {
      if (worker === started) {
        cut(`bodyMatches could not run: ${error.message}`);
      }
    });
    return started;
  };

  const pump = (): void => {
    while (current === undefined) {
      const job = queue.shift();
      if (job === undefined) {
        return;
      }
      if (job.limits.signal?.aborted === true) {
        job.resolve({ done: false, reason: ABORTED });
        continue;
      }
      worker ??= startWorker();
      const onAbort = (): void => cut(ABORTED);
      const timer = setTimeout(
        () =>
          cut(
            `bodyMatches did not finish within ${job.limits.timeoutMs} ms (requestTimeoutMs): the pattern backtracks ` +
              'too much on this body (avoid nested or overlapping quantifiers such as (a+)+)',
          ),
        job.limits.timeoutMs,
      );
      current = { job, timer, onAbort };
      job.limits.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ pattern: job.pattern, body: job.body });
    }
  };

  return {
    test: (pattern, body, limits) =>
      new Promise((resolve) => {
        queue.push({ pattern, body, limits, resolve });
        pump();
      }),
    close: () => {
      for (const job of queue.splice(0)) {
        job.resolve({ done: false, reason: CLOSED });
      }
      cut(CLOSED);
    },
  };
};

export { createBodyMatcher };
export type { BodyMatcher, BodyMatchLimits, BodyMatchResult };
