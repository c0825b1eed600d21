import { AwsServiceError } from '../errors.js';
import type { SimClock } from '../clock.js';

interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
}

interface LogEventsQuery {
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startFromHead?: boolean;
  readonly nextToken?: string;
  readonly limit?: number;
  readonly startTime?: number;
  readonly endTime?: number;
}

interface LogEventsPage {
  readonly events: readonly LogEvent[];
  readonly nextForwardToken: string;
  readonly nextBackwardToken: string;
}

const MAX_LIMIT = 10_000;

/**
 * CloudWatch Logs streams. Events may carry future (simulated) timestamps: they stay invisible until the clock
 * reaches them, so a build's log grows while it runs.
 */
class LogStore {
  readonly #clock: SimClock;
  readonly #streams = new Map<string, LogEvent[]>();

  constructor(clock: SimClock) {
    this.#clock = clock;
  }

  put(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[]): void {
    const key = `${groupName}\u0000${streamName}`;
    const stream = this.#streams.get(key) ?? [];
    stream.push(...events.map((event) => ({ ...event, ingestionTime: event.timestamp })));
    stream.sort((a, b) => a.timestamp - b.timestamp);
    this.#streams.set(key, stream);
  }

  /** GetLogEvents semantics: `f/N` tokens read forward from index N, `b/N` read backward from before index N. */
  getEvents(query: LogEventsQuery): LogEventsPage {
    const stream = this.#streams.get(`${query.logGroupName}\u0000${query.logStreamName}`);
    if (stream === undefined) {
      throw new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.');
    }
    const now = this.#clock.nowMs();
    const visible = stream.filter(
      (event) =>
        event.timestamp <= now &&
        (query.startTime === undefined || event.timestamp >= query.startTime) &&
        (query.endTime === undefined || event.timestamp < query.endTime),
    );
    const limit = Math.min(query.limit ?? MAX_LIMIT, MAX_LIMIT);
    const token = parseToken(query.nextToken, visible.length);
    let from: number;
    let to: number;
    if (token?.direction === 'b') {
      to = token.index;
      from = Math.max(0, to - limit);
    } else if (token?.direction === 'f') {
      from = token.index;
      to = Math.min(visible.length, from + limit);
    } else if (query.startFromHead === true) {
      from = 0;
      to = Math.min(visible.length, limit);
    } else {
      to = visible.length;
      from = Math.max(0, to - limit);
    }
    return { events: visible.slice(from, to), nextForwardToken: `f/${to}`, nextBackwardToken: `b/${from}` };
  }
}

const parseToken = (token: string | undefined, length: number): { direction: 'f' | 'b'; index: number } | undefined => {
  if (token === undefined) {
    return undefined;
  }
  const match = /^([fb])\/(\d+)$/.exec(token);
  if (match === null || Number(match[2]) > length) {
    throw new AwsServiceError('InvalidParameterException', `The specified nextToken is invalid: ${token}`);
  }
  return { direction: match[1] === 'b' ? 'b' : 'f', index: Number(match[2]) };
};

export { LogStore };
