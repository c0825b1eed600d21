import type { InjectedFault } from './faults.js';

interface CallRecord {
  /** The IAM service prefix: codepipeline, codedeploy, codebuild, logs, elasticloadbalancing. */
  readonly service: string;
  readonly operation: string;
  /** The decoded request: the JSON body, or the Query parameters as nested objects and arrays. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The HTTP status answered, or 0 when the connection was dropped before handling. */
  readonly status: number;
  /** The AWS error code answered, e.g. `ThrottlingException`. */
  readonly errorType?: string;
  readonly fault?: InjectedFault;
  /** Injected latency, real milliseconds. */
  readonly latencyMs?: number;
  /** Wall-clock time the call arrived. */
  readonly at: Date;
}

/** Every call the simulator received, in arrival order, with the fault injected into it if any. */
class CallLog {
  readonly #records: CallRecord[] = [];

  get records(): readonly CallRecord[] {
    return this.#records;
  }

  add(record: CallRecord): void {
    this.#records.push(record);
  }

  to(operation: string): CallRecord[] {
    return this.#records.filter((record) => record.operation === operation || `${record.service}:${record.operation}` === operation);
  }
}

export { CallLog };
export type { CallRecord };
