import type { SimClock } from '../clock.js';
import type { SeededRandom } from '../random.js';
import type { LogStore } from './log-store.js';

/** CodeBuild phases in order, with the share of the build's duration each takes. */
const PHASES = [
  ['SUBMITTED', 0.02],
  ['QUEUED', 0.03],
  ['PROVISIONING', 0.15],
  ['DOWNLOAD_SOURCE', 0.05],
  ['INSTALL', 0.1],
  ['PRE_BUILD', 0.1],
  ['BUILD', 0.4],
  ['POST_BUILD', 0.1],
  ['UPLOAD_ARTIFACTS', 0.03],
  ['FINALIZING', 0.02],
] as const;

interface PlannedPhase {
  readonly phaseType: string;
  readonly start: number;
  readonly end: number;
  readonly failed: boolean;
}

interface BuildRecord {
  readonly id: string;
  readonly arn: string;
  readonly buildNumber: number;
  readonly projectName: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly succeeded: boolean;
  readonly phases: readonly PlannedPhase[];
  readonly logs: { readonly groupName: string; readonly streamName: string; readonly deepLink: string };
  readonly initiator: string;
  readonly sourceVersion?: string;
}

interface BuildRequest {
  readonly projectName: string;
  readonly durationSeconds: number;
  readonly succeeded: boolean;
  readonly failedPhase?: string;
  readonly logLines: readonly string[];
  readonly initiator: string;
  readonly sourceVersion?: string;
}

/**
 * CodeBuild builds whose whole timeline (phases, log lines) is planned when they start and revealed as the
 * clock passes: nothing has to tick for BatchGetBuilds to show progress.
 */
class BuildStore {
  readonly #clock: SimClock;
  readonly #random: SeededRandom;
  readonly #logs: LogStore;
  readonly #region: string;
  readonly #account: string;
  readonly #builds = new Map<string, BuildRecord>();
  readonly #numbers = new Map<string, number>();

  constructor(options: { clock: SimClock; random: SeededRandom; logs: LogStore; region: string; account: string }) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#logs = options.logs;
    this.#region = options.region;
    this.#account = options.account;
  }

  start(request: BuildRequest): BuildRecord {
    const uuid = this.#random.uuid();
    const id = `${request.projectName}:${uuid}`;
    const buildNumber = (this.#numbers.get(request.projectName) ?? 0) + 1;
    this.#numbers.set(request.projectName, buildNumber);
    const startMs = this.#clock.nowMs();
    const endMs = startMs + this.#clock.realMs(request.durationSeconds);
    const groupName = `/aws/codebuild/${request.projectName}`;
    const record: BuildRecord = {
      id,
      arn: `arn:aws:codebuild:${this.#region}:${this.#account}:build/${id}`,
      buildNumber,
      projectName: request.projectName,
      startMs,
      endMs,
      succeeded: request.succeeded,
      phases: planPhases(startMs, endMs, request.succeeded ? undefined : (request.failedPhase ?? 'BUILD')),
      logs: {
        groupName,
        streamName: uuid,
        deepLink: `https://console.aws.amazon.com/cloudwatch/home?region=${this.#region}#logsV2:log-groups/log-group/${encodeURIComponent(groupName)}/log-events/${uuid}`,
      },
      initiator: request.initiator,
      ...(request.sourceVersion === undefined ? {} : { sourceVersion: request.sourceVersion }),
    };
    const step = (endMs - startMs) / Math.max(1, request.logLines.length);
    this.#logs.put(
      groupName,
      uuid,
      request.logLines.map((message, index) => ({ timestamp: Math.round(startMs + step * index), message })),
    );
    this.#builds.set(id, record);
    return record;
  }

  get(id: string): BuildRecord | undefined {
    return this.#builds.get(id);
  }
}

const planPhases = (startMs: number, endMs: number, failedPhase: string | undefined): PlannedPhase[] => {
  const failedIndex = failedPhase === undefined ? -1 : PHASES.findIndex(([type]) => type === failedPhase);
  const played =
    failedIndex < 0 ? [...PHASES] : [...PHASES.slice(0, failedIndex + 1), ...PHASES.filter(([type]) => type === 'FINALIZING')];
  const total = played.reduce((sum, [, share]) => sum + share, 0);
  const phases: PlannedPhase[] = [];
  let cursor = startMs;
  for (const [phaseType, share] of played) {
    const end = cursor + ((endMs - startMs) * share) / total;
    phases.push({ phaseType, start: cursor, end, failed: phaseType === failedPhase });
    cursor = end;
  }
  return phases;
};

export { BuildStore };
export type { BuildRecord };
