import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';

const GROUP = '/aws/lambda/CodeDeployHook_app';

describe('CloudWatch Logs FilterLogEvents', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 4, timeScale: 0.01 });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const filter = (input: Omit<ConstructorParameters<typeof FilterLogEventsCommand>[0], 'logGroupName'>) =>
    aws.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, ...input }));

  it('finds the events of every stream that contain all plain terms, oldest first, naming their stream', async () => {
    // Prepare
    const now = Date.now();
    sim.logs.putEvents(GROUP, 'stream-b', [{ message: '{"message":"decision","deploymentId":"d-AAA","status":"Failed"}', timestamp: now - 1_000 }]);
    sim.logs.putEvents(GROUP, 'stream-a', [
      { message: '{"message":"check result","deploymentId":"d-AAA"}', timestamp: now - 2_000 },
      { message: '{"message":"decision","deploymentId":"d-BBB","status":"Succeeded"}', timestamp: now - 1_500 },
    ]);

    // Act
    const { events } = await filter({ filterPattern: 'd-AAA message' });

    // Assess
    expect(events?.map((event) => [event.logStreamName, event.timestamp])).toEqual([
      ['stream-a', now - 2_000],
      ['stream-b', now - 1_000],
    ]);
    expect(events?.[0]?.eventId).toEqual(expect.any(String));
  });

  it('matches a quoted term as one phrase, case-sensitively', async () => {
    // Prepare
    sim.logs.putEvents(GROUP, 's', [{ message: 'check version, then failed' }, { message: 'version check failed' }, { message: 'VERSION CHECK FAILED' }]);

    // Act
    const { events } = await filter({ filterPattern: '"version check"' });

    // Assess
    expect(events?.map((event) => event.message)).toEqual(['version check failed']);
  });

  it('keeps only events within startTime and endTime and only the named streams', async () => {
    // Prepare
    const now = Date.now();
    sim.logs.putEvents(GROUP, 'one', [
      { message: 'early', timestamp: now - 60_000 },
      { message: 'inside', timestamp: now - 30_000 },
    ]);
    sim.logs.putEvents(GROUP, 'two', [{ message: 'other stream', timestamp: now - 30_000 }]);

    // Act
    const { events } = await filter({ logStreamNames: ['one'], startTime: now - 40_000, endTime: now - 10_000 });

    // Assess
    expect(events?.map((event) => event.message)).toEqual(['inside']);
  });

  it('pages with nextToken until every match was returned once', async () => {
    // Prepare
    sim.logs.putEvents(
      GROUP,
      's',
      Array.from({ length: 7 }, (_, index) => ({ message: `line ${index}`, timestamp: Date.now() - 10_000 + index })),
    );
    const seen: FilteredLogEvent[] = [];
    let nextToken: string | undefined;

    // Act
    let pages = 0;
    do {
      const page = await filter({ limit: 3, ...(nextToken === undefined ? {} : { nextToken }) });
      seen.push(...(page.events ?? []));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken !== undefined);

    // Assess
    expect(pages).toBe(3);
    expect(seen.map((event) => event.message)).toEqual(Array.from({ length: 7 }, (_, index) => `line ${index}`));
  });

  it('answers ResourceNotFoundException for a log group nothing was written to', async () => {
    // Act
    const answer = aws.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/never-invoked' }));

    // Assess
    await expect(answer).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });

  it('refuses filter syntax outside the supported subset rather than matching it wrong', async () => {
    // Prepare
    sim.logs.putEvents(GROUP, 's', [{ message: 'ERROR x' }]);

    // Act
    const answer = filter({ filterPattern: '?ERROR ?WARN' });

    // Assess
    await expect(answer).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('plain and double-quoted terms') });
  });
});
