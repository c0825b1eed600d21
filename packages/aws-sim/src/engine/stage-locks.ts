import { EXECUTION_MODE, type ExecutionMode } from '../scenario.js';

/** How a wait to enter a stage ended. */
type Admission =
  | { readonly kind: 'entered' }
  /** A newer execution arrived at the same stage while this one waited (SUPERSEDED mode). */
  | { readonly kind: 'superseded'; readonly by: string }
  /** The wait was given up because the execution was stopped. */
  | { readonly kind: 'withdrawn' };

interface Waiter {
  readonly executionId: string;
  readonly resolve: (admission: Admission) => void;
}

interface Lock {
  occupant?: string;
  readonly waiting: Waiter[];
}

/**
 * CodePipeline's stage locks for one pipeline: a stage holds one execution at a time. An execution releases a
 * stage when it completes it, then waits at the next stage's entrance while that stage is busy. In SUPERSEDED
 * mode a newer execution arriving at the entrance supersedes the one already waiting there; in QUEUED mode
 * they queue in arrival order; PARALLEL executions never wait.
 */
class StageLocks {
  readonly #mode: ExecutionMode;
  readonly #locks = new Map<string, Lock>();
  readonly #held = new Map<string, string>();

  constructor(mode: ExecutionMode) {
    this.#mode = mode;
  }

  enter(stageName: string, executionId: string, signal: AbortSignal): Promise<Admission> {
    if (this.#mode === EXECUTION_MODE.Parallel) {
      return Promise.resolve({ kind: 'entered' });
    }
    const lock = this.#lock(stageName);
    if (lock.occupant === undefined) {
      this.#occupy(lock, stageName, executionId);
      return Promise.resolve({ kind: 'entered' });
    }
    if (this.#mode === EXECUTION_MODE.Superseded) {
      for (const waiter of lock.waiting.splice(0)) {
        waiter.resolve({ kind: 'superseded', by: executionId });
      }
    }
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve({ kind: 'withdrawn' });
        return;
      }
      const onAbort = (): void => {
        const index = lock.waiting.indexOf(waiter);
        if (index >= 0) {
          lock.waiting.splice(index, 1);
        }
        resolve({ kind: 'withdrawn' });
      };
      const waiter: Waiter = {
        executionId,
        resolve: (admission) => {
          signal.removeEventListener('abort', onAbort);
          resolve(admission);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      lock.waiting.push(waiter);
    });
  }

  /** Frees the stage the execution holds, if any, and lets the next waiting execution in. */
  release(executionId: string): void {
    const stageName = this.#held.get(executionId);
    if (stageName === undefined) {
      return;
    }
    this.#held.delete(executionId);
    const lock = this.#lock(stageName);
    delete lock.occupant;
    const next = lock.waiting.shift();
    if (next !== undefined) {
      this.#occupy(lock, stageName, next.executionId);
      next.resolve({ kind: 'entered' });
    }
  }

  #occupy(lock: Lock, stageName: string, executionId: string): void {
    lock.occupant = executionId;
    this.#held.set(executionId, stageName);
  }

  #lock(stageName: string): Lock {
    let lock = this.#locks.get(stageName);
    if (lock === undefined) {
      lock = { waiting: [] };
      this.#locks.set(stageName, lock);
    }
    return lock;
  }
}

export { StageLocks };
