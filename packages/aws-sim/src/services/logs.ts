import type { LogStore } from '../engine/log-store.js';
import { optionalBoolean, optionalList, optionalNumber, optionalString, requiredString, stringList } from './input.js';
import type { ServiceDefinition } from './service.js';

/** `arn:aws:logs:region:account:log-group:NAME` or NAME. */
const groupFromIdentifier = (identifier: string): string => /:log-group:([^:]+)/.exec(identifier)?.[1] ?? identifier;

/** CloudWatch Logs (Logs_20140328, AWS JSON 1.1 as the installed SDK sends it): GetLogEvents, FilterLogEvents. */
const logsService = (logs: LogStore): ServiceDefinition => ({
  service: 'logs',
  operations: {
    FilterLogEvents: (input) => {
      const filterPattern = optionalString(input, 'filterPattern');
      const nextToken = optionalString(input, 'nextToken');
      const limit = optionalNumber(input, 'limit', 1, 10_000);
      const startTime = optionalNumber(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
      const endTime = optionalNumber(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
      const page = logs.filterEvents({
        logGroupName: optionalString(input, 'logGroupName') ?? groupFromIdentifier(requiredString(input, 'logGroupIdentifier')),
        ...(optionalList(input, 'logStreamNames') === undefined ? {} : { logStreamNames: stringList(input, 'logStreamNames') }),
        ...(filterPattern === undefined ? {} : { filterPattern }),
        ...(nextToken === undefined ? {} : { nextToken }),
        ...(limit === undefined ? {} : { limit }),
        ...(startTime === undefined ? {} : { startTime }),
        ...(endTime === undefined ? {} : { endTime }),
      });
      return { events: page.events, searchedLogStreams: [], ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }) };
    },

    GetLogEvents: (input) => {
      const startFromHead = optionalBoolean(input, 'startFromHead');
      const nextToken = optionalString(input, 'nextToken');
      const limit = optionalNumber(input, 'limit', 1, 10_000);
      const startTime = optionalNumber(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
      const endTime = optionalNumber(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
      return logs.getEvents({
        // Newer clients may name the group by ARN or name in logGroupIdentifier instead.
        logGroupName: optionalString(input, 'logGroupName') ?? groupFromIdentifier(requiredString(input, 'logGroupIdentifier')),
        logStreamName: requiredString(input, 'logStreamName'),
        ...(startFromHead === undefined ? {} : { startFromHead }),
        ...(nextToken === undefined ? {} : { nextToken }),
        ...(limit === undefined ? {} : { limit }),
        ...(startTime === undefined ? {} : { startTime }),
        ...(endTime === undefined ? {} : { endTime }),
      });
    },
  },
});

export { logsService };
