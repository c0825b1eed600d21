import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GetMetricDataCommand, type GetMetricDataCommandInput, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';

const LOAD_BALANCER = 'app/shop/50dc6c495c0c9188';
const GREEN = 'targetgroup/shop-green/943f017f100becff';
const BLUE = 'targetgroup/shop-blue/73e2d6bc24d8a067';
const t0 = new Date('2026-12-04T02:00:00Z');
const minute = (n: number): Date => new Date(t0.getTime() + n * 60_000);

const requestCount = (id: string, targetGroup: string, stat = 'Sum', period = 60): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApplicationELB',
      MetricName: 'RequestCount',
      // The other order than the series was scripted with: dimensions are a set.
      Dimensions: [
        { Name: 'TargetGroup', Value: targetGroup },
        { Name: 'LoadBalancer', Value: LOAD_BALANCER },
      ],
    },
    Period: period,
    Stat: stat,
  },
});

describe('CloudWatch GetMetricData', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 12, timeScale: 0.01 });
    aws = clientsFor(sim);
    for (const [targetGroup, values] of [
      [GREEN, [100, 120, 90]],
      [BLUE, [300, 310, 305]],
    ] as const) {
      sim.cloudwatch.putMetricSeries({
        namespace: 'AWS/ApplicationELB',
        metricName: 'RequestCount',
        dimensions: { LoadBalancer: LOAD_BALANCER, TargetGroup: targetGroup },
        stat: 'Sum',
        periodSeconds: 60,
        points: values.map((value, index) => ({ timestamp: minute(index), value })),
      });
    }
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const getMetricData = (input: Partial<GetMetricDataCommandInput>) =>
    aws.cloudwatch.send(
      new GetMetricDataCommand({ StartTime: minute(0), EndTime: minute(3), MetricDataQueries: [requestCount('green', GREEN)], ...input }),
    );

  it('answers each query with the scripted datapoints, newest first, through the real SDK (FIDELITY CW-1, FIDELITY PROTO-6, FIDELITY CW-3)', async () => {
    // Act
    const answer = await getMetricData({ MetricDataQueries: [requestCount('green', GREEN), requestCount('blue', BLUE)] });

    // Assess
    expect(answer.MetricDataResults).toEqual([
      { Id: 'green', Label: 'RequestCount', Timestamps: [minute(2), minute(1), minute(0)], Values: [90, 120, 100], StatusCode: 'Complete' },
      { Id: 'blue', Label: 'RequestCount', Timestamps: [minute(2), minute(1), minute(0)], Values: [305, 310, 300], StatusCode: 'Complete' },
    ]);
  });

  it('keeps StartTime inclusive and EndTime exclusive, oldest first with TimestampAscending, and leaves out ReturnData false (FIDELITY CW-1)', async () => {
    // Act
    const answer = await getMetricData({
      StartTime: minute(1),
      EndTime: minute(2),
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [requestCount('green', GREEN), { ...requestCount('blue', BLUE), ReturnData: false }],
    });

    // Assess
    expect(answer.MetricDataResults?.map((result) => [result.Id, result.Values])).toEqual([['green', [120]]]);
  });

  it('finds no data for a statistic or period nobody scripted (FIDELITY CW-3)', async () => {
    // Act
    const answer = await getMetricData({ MetricDataQueries: [requestCount('average', GREEN, 'Average'), requestCount('fiveMinutes', GREEN, 'Sum', 300)] });

    // Assess
    expect(answer.MetricDataResults?.map((result) => [result.Id, result.Values, result.StatusCode])).toEqual([
      ['average', [], 'Complete'],
      ['fiveMinutes', [], 'Complete'],
    ]);
  });

  it.each([
    ['an Id starting with a capital', { MetricDataQueries: [requestCount('Green', GREEN)] }, /MetricDataQueries\.member\.Id is invalid/],
    ['two queries with one Id', { MetricDataQueries: [requestCount('g', GREEN), requestCount('g', BLUE)] }, /not unique: g/],
    ['a period of 90 seconds', { MetricDataQueries: [requestCount('green', GREEN, 'Sum', 90)] }, /is not a valid period/],
    ['an end before the start', { StartTime: minute(3), EndTime: minute(0) }, /StartTime must be less than the parameter EndTime/],
    ['metric math', { MetricDataQueries: [{ Id: 'rate', Expression: 'm1 / m2' }] }, /does not model metric math/],
  ])('refuses %s with InvalidParameterValue, named as the Query API did (FIDELITY CW-2, FIDELITY CW-4, FIDELITY PROTO-6)', async (_case, input, message) => {
    // Act
    const failure = await getMetricData(input).catch((error: unknown) => error as Error & { Code?: string; $metadata?: { httpStatusCode?: number } });

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(message);
    expect((failure as { Code?: string }).Code).toBe('InvalidParameterValue');
    expect((failure as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
  });

  it('answers AccessDenied for a denied GetMetricData, as an IAM policy without cloudwatch:GetMetricData would (FIDELITY PROTO-6)', async () => {
    // Prepare
    sim.setFaults({ deny: ['cloudwatch:GetMetricData'] });

    // Act
    const failure = await getMetricData({}).catch((error: unknown) => error as Error & { $metadata?: { httpStatusCode?: number } });

    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/is not authorized to perform: cloudwatch:GetMetricData/);
    expect((failure as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(403);
  });
});
