import type { LogStore, LogWindow } from '../engine/log-store.js';
import { optionalBoolean, optionalList, optionalNumber, optionalString, requiredString, stringList, type Input } from './input.js';
import type { ServiceDefinition } from './service.js';

/** `arn:aws:logs:region:account:log-group:NAME` or NAME. */
const groupFromIdentifier = (identifier: string): string => /:log-group:([^:]+)/.exec(identifier)?.[1] ?? identifier;

/** The group (by name or identifier), paging token, page size and time window both reads accept alike. */
const readWindow = (input: Input): LogWindow => {
  const nextToken = optionalString(input, 'nextToken');
  const limit = optionalNumber(input, 'limit', 1, 10_000);
  const startTime = optionalNumber(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = optionalNumber(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  return {
    // Newer clients may name the group by ARN or name in logGroupIdentifier instead.
    logGroupName: optionalString(input, 'logGroupName') ?? groupFromIdentifier(requiredString(input, 'logGroupIdentifier')),
    ...(nextToken === undefined ? {} : { nextToken }),
    ...(limit === undefined ? {} : { limit }),
    ...(startTime === undefined ? {} : { startTime }),
    ...(endTime === undefined ? {} : { endTime }),
  };
};

/** CloudWatch Logs (Logs_20140328, AWS JSON 1.1 as the installed SDK sends it): GetLogEvents, FilterLogEvents. */
const logsService = (logs: LogStore): ServiceDefinition => ({
  service: 'logs',
  signingName: 'logs',
  operations: {
    FilterLogEvents: (input) => {
      const filterPattern = optionalString(input, 'filterPattern');
      const page = logs.filterEvents({
        ...readWindow(input),
        ...(optionalList(input, 'logStreamNames') === undefined ? {} : { logStreamNames: stringList(input, 'logStreamNames') }),
        ...(filterPattern === undefined ? {} : { filterPattern }),
      });
      return { events: page.events, searchedLogStreams: [], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
    },

    GetLogEvents: (input) => {
      const startFromHead = optionalBoolean(input, 'startFromHead');
      return logs.getEvents({
        ...readWindow(input),
        logStreamName: requiredString(input, 'logStreamName'),
        ...(startFromHead === undefined ? {} : { startFromHead }),
      });
    },
  },
});

export { logsService };
