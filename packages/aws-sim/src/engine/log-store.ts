import { AwsServiceError } from '../errors.js';
import type { SimClock } from '../clock.js';

interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
}

/** What GetLogEvents and FilterLogEvents both take: the group, the paging token, the page size and the time window. */
interface LogWindow {
  readonly logGroupName: string;
  readonly nextToken?: string;
  readonly limit?: number;
  readonly startTime?: number;
  readonly endTime?: number;
}

interface LogEventsQuery extends LogWindow {
  readonly logStreamName: string;
  readonly startFromHead?: boolean;
}

interface FilterQuery extends LogWindow {
  readonly logStreamNames?: readonly string[];
  readonly filterPattern?: string;
}

interface FilteredEvent extends LogEvent {
  readonly logStreamName: string;
  readonly eventId: string;
}

interface FilteredPage {
  readonly events: readonly FilteredEvent[];
  readonly nextToken?: string;
}

interface LogEventsPage {
  readonly events: readonly LogEvent[];
  readonly nextForwardToken: string;
  readonly nextBackwardToken: string;
}

const MAX_LIMIT = 10_000;
// Terms are bare words or double-quoted phrases; anything else (?OR, -exclusion, JSON or space-delimited
// patterns) is outside the supported subset and refused rather than silently matched wrong.
const PATTERN_TERM = /"([^"]*)"|([^\s"]+)/g;
const UNSUPPORTED_TERM = /^[?\-{[]/;

/**
 * CloudWatch Logs streams. Events may carry future timestamps: they stay invisible until the clock
 * reaches them, so a build's log grows while it runs.
 */
class LogStore {
  readonly #clock: SimClock;
  readonly #streams = new Map<string, LogEvent[]>();
  /** Stream names by group, in creation order. */
  readonly #groups = new Map<string, string[]>();

  constructor(clock: SimClock) {
    this.#clock = clock;
  }

  put(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[]): void {
    const key = `${groupName}\u0000${streamName}`;
    const streams = this.#groups.get(groupName) ?? [];
    if (!streams.includes(streamName)) streams.push(streamName);
    this.#groups.set(groupName, streams);
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

  /** FilterLogEvents semantics; the token is the index of the next matching event. */
  filterEvents(query: FilterQuery): FilteredPage {
    const streams = this.#groups.get(query.logGroupName);
    if (streams === undefined) {
      throw new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
    }
    const matches = matcher(query.filterPattern);
    const now = this.#clock.nowMs();
    const found = streams
      .filter((name) => query.logStreamNames === undefined || query.logStreamNames.includes(name))
      .flatMap((logStreamName) =>
        (this.#streams.get(`${query.logGroupName}\u0000${logStreamName}`) ?? []).map((event, index) => ({
          ...event,
          logStreamName,
          eventId: `${logStreamName}/${index}`,
        })),
      )
      .filter(
        (event) =>
          event.timestamp <= now &&
          (query.startTime === undefined || event.timestamp >= query.startTime) &&
          (query.endTime === undefined || event.timestamp <= query.endTime) &&
          matches(event.message),
      )
      .sort((a, b) => a.timestamp - b.timestamp);
    const from = query.nextToken === undefined ? 0 : parseFilterToken(query.nextToken, found.length);
    const to = Math.min(found.length, from + Math.min(query.limit ?? MAX_LIMIT, MAX_LIMIT));
    return { events: found.slice(from, to), ...(to < found.length ? { nextToken: `n/${to}` } : {}) };
  }
}

/** FilterLogEvents: every term of the pattern must occur (case-sensitive); events of all streams by time. */
const matcher = (pattern: string | undefined): ((message: string) => boolean) => {
  const terms = [...(pattern ?? '').matchAll(PATTERN_TERM)].map((match) => {
    const term = match[1] ?? match[2] ?? '';
    if (match[2] !== undefined && UNSUPPORTED_TERM.test(term)) {
      throw new AwsServiceError(
        'InvalidParameterException',
        `Invalid filter pattern: ${pattern ?? ''} (the simulator supports plain and double-quoted terms only).`,
      );
    }
    return term;
  });
  return (message) => terms.every((term) => message.includes(term));
};

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

const parseFilterToken = (token: string, length: number): number => {
  const match = /^n\/(\d+)$/.exec(token);
  if (match === null || Number(match[1]) > length) {
    throw new AwsServiceError('InvalidParameterException', `The specified nextToken is invalid: ${token}`);
  }
  return Number(match[1]);
};

export { LogStore };
export type { LogWindow };
