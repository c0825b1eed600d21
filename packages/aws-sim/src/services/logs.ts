import type { LogStore } from '../engine/log-store.js';
import { optionalBoolean, optionalNumber, optionalString, requiredString } from './input.js';
import type { ServiceDefinition } from './service.js';

/** `arn:aws:logs:region:account:log-group:NAME` or NAME. */
const groupFromIdentifier = (identifier: string): string => /:log-group:([^:]+)/.exec(identifier)?.[1] ?? identifier;

/** CloudWatch Logs (Logs_20140328, AWS JSON 1.1 as the installed SDK sends it): GetLogEvents. */
const logsService = (logs: LogStore): ServiceDefinition => ({
  service: 'logs',
  operations: {
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
