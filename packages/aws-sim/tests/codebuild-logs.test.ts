import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetBuildsCommand, type Build } from '@aws-sdk/client-codebuild';
import { StartPipelineExecutionCommand, StopPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '../src/index.js';
import { startedAction } from './support/actions.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

const LOG_LINES = ['[Container] npm ci', '[Container] npm test', 'FAIL tests/app.test.ts', '[Container] Phase complete: BUILD State: FAILED'];

describe('CodeBuild and CloudWatch Logs', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 9, timeScale: 0.01 });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const runBuild = async (outcome: 'Succeeded' | 'Failed'): Promise<{ buildId: string; executionId: string }> => {
    sim.addPipeline(
      blueGreenPipeline('app', {
        starts: [{ actions: { Build: { outcome, durationSeconds: 100, build: { logLines: LOG_LINES } } } }],
      }),
    );
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const buildId = await waitFor(() => startedAction(sim, 'app', 'Build')?.externalExecutionId);
    return { buildId, executionId: pipelineExecutionId ?? '' };
  };

  const getBuild = async (id: string): Promise<Build | undefined> => (await aws.codebuild.send(new BatchGetBuildsCommand({ ids: [id] }))).builds?.[0];

  it('shows a running build IN_PROGRESS with its current phase, then SUCCEEDED with every phase and log location', async () => {
    // Prepare
    const { buildId, executionId } = await runBuild('Succeeded');

    // Act
    const running = await getBuild(buildId);
    await sim.waitForExecution('app', executionId);
    const finished = await getBuild(buildId);

    // Assess
    expect(running?.buildStatus).toBe('IN_PROGRESS');
    expect(running?.buildComplete).toBe(false);
    expect(running?.projectName).toBe('app-build');
    expect(finished?.buildStatus).toBe('SUCCEEDED');
    expect(finished?.currentPhase).toBe('COMPLETED');
    expect(finished?.phases?.map((phase) => phase.phaseType)).toEqual([
      'SUBMITTED',
      'QUEUED',
      'PROVISIONING',
      'DOWNLOAD_SOURCE',
      'INSTALL',
      'PRE_BUILD',
      'BUILD',
      'POST_BUILD',
      'UPLOAD_ARTIFACTS',
      'FINALIZING',
      'COMPLETED',
    ]);
    expect(finished?.logs).toMatchObject({ groupName: '/aws/codebuild/app-build', streamName: buildId.split(':')[1] });
    expect(finished?.logs?.deepLink).toContain('cloudwatch');
    expect(finished?.initiator).toBe('codepipeline/app');
  });

  it('shows a failed build FAILED in its BUILD phase with the error context', async () => {
    // Prepare
    const { buildId, executionId } = await runBuild('Failed');

    // Act
    await sim.waitForExecution('app', executionId);
    const build = await getBuild(buildId);

    // Assess
    expect(build?.buildStatus).toBe('FAILED');
    const failed = build?.phases?.find((phase) => phase.phaseStatus === 'FAILED');
    expect(failed?.phaseType).toBe('BUILD');
    expect(failed?.contexts?.[0]?.message).toContain('exit status 1');
    expect(build?.phases?.map((phase) => phase.phaseType)).not.toContain('POST_BUILD');
  });

  it('lets the build run to its end when its pipeline execution is abandoned mid-build (FIDELITY CB-2)', async () => {
    // Prepare
    const { buildId, executionId } = await runBuild('Succeeded');

    // Act
    await aws.codepipeline.send(new StopPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: executionId, abandon: true }));
    const atAbandon = await getBuild(buildId);
    const finished = await waitFor(async () => {
      const build = await getBuild(buildId);
      return build?.buildComplete === true ? build : undefined;
    });

    // Assess
    expect(atAbandon?.buildStatus).toBe('IN_PROGRESS');
    expect(finished.buildStatus).toBe('SUCCEEDED');
    expect(finished.phases?.every((phase) => phase.phaseStatus === undefined || phase.phaseStatus === 'SUCCEEDED')).toBe(true);
  });

  it('lists unknown build ids in buildsNotFound', async () => {
    // Act
    const answer = await aws.codebuild.send(new BatchGetBuildsCommand({ ids: ['app-build:unknown'] }));

    // Assess
    expect(answer.builds).toEqual([]);
    expect(answer.buildsNotFound).toEqual(['app-build:unknown']);
  });

  it('serves the build log through GetLogEvents: the tail by default, from the head with forward tokens', async () => {
    // Prepare
    const { buildId, executionId } = await runBuild('Failed');
    await sim.waitForExecution('app', executionId);
    const build = await getBuild(buildId);
    const stream = { logGroupName: build?.logs?.groupName, logStreamName: build?.logs?.streamName };

    // Act
    const tail = await aws.logs.send(new GetLogEventsCommand({ ...stream, limit: 2 }));
    const head = await aws.logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 3 }));
    const rest = await aws.logs.send(new GetLogEventsCommand({ ...stream, nextToken: head.nextForwardToken, limit: 3 }));
    const end = await aws.logs.send(new GetLogEventsCommand({ ...stream, nextToken: rest.nextForwardToken, limit: 3 }));
    const before = await aws.logs.send(new GetLogEventsCommand({ ...stream, nextToken: tail.nextBackwardToken }));

    // Assess
    expect(tail.events?.map((event) => event.message)).toEqual(LOG_LINES.slice(2));
    expect(head.events?.map((event) => event.message)).toEqual(LOG_LINES.slice(0, 3));
    expect(rest.events?.map((event) => event.message)).toEqual(LOG_LINES.slice(3));
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(rest.nextForwardToken);
    expect(before.events?.map((event) => event.message)).toEqual(LOG_LINES.slice(0, 2));
    expect(typeof tail.events?.[0]?.timestamp).toBe('number');
  });

  it('accepts the log group as logGroupIdentifier (an ARN) instead of logGroupName', async () => {
    // Prepare
    const { buildId, executionId } = await runBuild('Succeeded');
    await sim.waitForExecution('app', executionId);
    const build = await getBuild(buildId);

    // Act
    const page = await aws.logs.send(
      new GetLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${build?.logs?.groupName ?? ''}`,
        logStreamName: build?.logs?.streamName,
        startFromHead: true,
      }),
    );

    // Assess
    expect(page.events?.map((event) => event.message)).toEqual(LOG_LINES);
  });

  it('reveals log lines as the build runs', async () => {
    // Prepare
    const { buildId } = await runBuild('Succeeded');
    const build = await getBuild(buildId);
    const stream = { logGroupName: build?.logs?.groupName, logStreamName: build?.logs?.streamName, startFromHead: true };

    // Act
    const early = await aws.logs.send(new GetLogEventsCommand(stream));
    const all = await waitFor(async () => {
      const page = await aws.logs.send(new GetLogEventsCommand(stream));
      return page.events?.length === LOG_LINES.length ? page : undefined;
    });

    // Assess
    expect(early.events?.length).toBeLessThan(LOG_LINES.length);
    expect(all.events?.map((event) => event.message)).toEqual(LOG_LINES);
  });

  it('answers ResourceNotFoundException for an unknown log stream', async () => {
    // Act
    const call = aws.logs.send(new GetLogEventsCommand({ logGroupName: '/aws/codebuild/none', logStreamName: 'none' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
  });
});
