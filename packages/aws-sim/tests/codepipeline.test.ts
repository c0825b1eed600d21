import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListActionExecutionsCommand,
  ListPipelineExecutionsCommand,
  StartPipelineExecutionCommand,
  type ActionExecutionDetail,
} from '@aws-sdk/client-codepipeline';
import { startSimulator, type PipelineScenario, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';

const TIME_SCALE = 0.005;

describe('CodePipeline', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 7, timeScale: TIME_SCALE });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const start = async (input: Omit<ConstructorParameters<typeof StartPipelineExecutionCommand>[0], 'name'> = {}, name = 'app'): Promise<string> => {
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name, ...input }));
    return pipelineExecutionId ?? '';
  };

  it('describes the pipeline with its stages, action configuration, type, mode and variables', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const { pipeline, metadata } = await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));

    // Assess
    expect(pipeline?.pipelineType).toBe('V2');
    expect(pipeline?.executionMode).toBe('SUPERSEDED');
    expect(pipeline?.variables).toEqual([{ name: 'IMAGE_TAG', defaultValue: 'latest' }]);
    expect(pipeline?.stages?.map((stage) => stage.name)).toEqual(['Source', 'Build', 'Deploy']);
    expect(pipeline?.stages?.[0]?.actions?.[0]?.actionTypeId).toEqual({
      category: 'Source',
      owner: 'AWS',
      provider: 'CodeStarSourceConnection',
      version: '1',
    });
    expect(pipeline?.stages?.[0]?.actions?.[0]?.configuration?.['FullRepositoryId']).toBe('octo/app');
    expect(metadata?.pipelineArn).toBe('arn:aws:codepipeline:us-east-1:123456789012:app');
    expect(metadata?.created).toBeInstanceOf(Date);
  });

  it('answers PipelineNotFoundException for an unknown pipeline', async () => {
    // Act
    const call = aws.codepipeline.send(new GetPipelineCommand({ name: 'missing' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'PipelineNotFoundException', $metadata: { httpStatusCode: 400 } });
  });

  it('plays an execution to Succeeded with variables, the pinned source revision and external links', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const commit = 'a'.repeat(40);

    // Act
    const pipelineExecutionId = await start({
      variables: [{ name: 'IMAGE_TAG', value: 'v2' }],
      sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: commit }],
      clientRequestToken: 'run-1-attempt-1',
    });
    const ended = await sim.waitForExecution('app', pipelineExecutionId);
    const { pipelineExecution } = await aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId }));
    const { actionExecutionDetails } = await aws.codepipeline.send(
      new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId } }),
    );

    // Assess
    expect(ended.status).toBe('Succeeded');
    expect(ended.variables).toEqual({ IMAGE_TAG: 'v2' });
    expect(ended.clientRequestToken).toBe('run-1-attempt-1');
    expect(pipelineExecution?.status).toBe('Succeeded');
    expect(pipelineExecution?.variables).toEqual([{ name: 'IMAGE_TAG', resolvedValue: 'v2' }]);
    expect(pipelineExecution?.artifactRevisions?.[0]?.revisionId).toBe(commit);
    expect(pipelineExecution?.artifactRevisions?.[0]?.revisionUrl).toBe(`https://github.com/octo/app/commit/${commit}`);
    expect(pipelineExecution?.trigger?.triggerType).toBe('StartPipelineExecution');
    expect(actionExecutionDetails?.map((detail) => [detail.actionName, detail.status])).toEqual([
      ['Deploy', 'Succeeded'],
      ['Build', 'Succeeded'],
      ['Source', 'Succeeded'],
    ]);
    const [deploy, build, source] = actionExecutionDetails ?? [];
    expect(deploy?.output?.executionResult?.externalExecutionId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(deploy?.output?.executionResult?.externalExecutionUrl).toContain('codedeploy/deployments/');
    expect(build?.output?.executionResult?.externalExecutionId).toMatch(/^app-build:[0-9a-f-]{36}$/);
    expect(source?.output?.outputVariables?.['CommitId']).toBe(commit);
    // Source and Build (25 scenario seconds) really ran before Deploy started: timestamps are the wall clock's.
    expect((deploy?.startTime?.getTime() ?? 0) - (source?.startTime?.getTime() ?? 0)).toBeGreaterThanOrEqual(25_000 * TIME_SCALE);
    expect((deploy?.startTime?.getTime() ?? 0) - (source?.startTime?.getTime() ?? 0)).toBeLessThan(25_000);
  });

  it('resolves variables not given at start to their declared defaults', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const id = await start();
    const { pipelineExecution } = await aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: id }));

    // Assess
    expect(pipelineExecution?.variables).toEqual([{ name: 'IMAGE_TAG', resolvedValue: 'latest' }]);
    expect(pipelineExecution?.status).toBe('InProgress');
  });

  it.each([
    ['a clientRequestToken with invalid characters', { clientRequestToken: 'has spaces' }, /clientRequestToken/],
    ['a clientRequestToken over 128 characters', { clientRequestToken: 'x'.repeat(129) }, /clientRequestToken/],
    ['an empty variables list', { variables: [] }, /variables/],
    ['a variable name with invalid characters', { variables: [{ name: 'BAD NAME', value: 'x' }] }, /variables\.1\.member\.name/],
    ['an empty variable value', { variables: [{ name: 'IMAGE_TAG', value: '' }] }, /variables\.1\.member\.value/],
    ['an undeclared variable', { variables: [{ name: 'OTHER', value: 'x' }] }, /OTHER/],
    ['an unknown revision type', { sourceRevisions: [{ actionName: 'Source', revisionType: 'TAG' as 'COMMIT_ID', revisionValue: 'v1' }] }, /revisionType/],
    ['a revision for an action that is not a source action', { sourceRevisions: [{ actionName: 'Build', revisionType: 'COMMIT_ID' as const, revisionValue: 'abc' }] }, /Build/],
    ['an over-long revision value', { sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID' as const, revisionValue: 'x'.repeat(1501) }] }, /revisionValue/],
  ])('rejects %s with ValidationException and starts nothing', async (_case, input, message) => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const call = start(input);

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(message) });
    expect(sim.executions('app')).toHaveLength(0);
  });

  /** The stack's pipeline with two more source actions beside the GitHub one: an ECR image and an S3 object. */
  const multiSourcePipeline = (allowS3Key: boolean): PipelineScenario => {
    const scenario = blueGreenPipeline('app');
    const [source, ...rest] = scenario.stages;
    return {
      ...scenario,
      stages: [
        {
          name: source?.name ?? 'Source',
          actions: [
            ...(source?.actions ?? []),
            { name: 'Image', category: 'Source', provider: 'ECR', configuration: { RepositoryName: 'app', ImageTag: 'latest' }, outputArtifacts: ['ImageArtifact'] },
            {
              name: 'Bundle',
              category: 'Source',
              provider: 'S3',
              configuration: { S3Bucket: 'artifacts', S3ObjectKey: 'app.zip', ...(allowS3Key ? { AllowOverrideForS3ObjectKey: 'true' } : {}) },
              outputArtifacts: ['BundleArtifact'],
            },
          ],
        },
        ...rest,
      ],
    };
  };

  it('accepts each source provider\'s own revision type: COMMIT_ID, IMAGE_DIGEST, S3 version and key (FIDELITY CP-4)', async () => {
    // Prepare
    sim.addPipeline(multiSourcePipeline(true));
    const sourceRevisions = [
      { actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: 'a'.repeat(40) },
      { actionName: 'Image', revisionType: 'IMAGE_DIGEST', revisionValue: `sha256:${'b'.repeat(64)}` },
      { actionName: 'Bundle', revisionType: 'S3_OBJECT_VERSION_ID', revisionValue: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' },
      { actionName: 'Bundle', revisionType: 'S3_OBJECT_KEY', revisionValue: 'releases/app-1.2.zip' },
    ] as const;

    // Act
    const id = await start({ sourceRevisions: [...sourceRevisions] });

    // Assess
    expect(sim.executions('app').find((execution) => execution.id === id)?.sourceRevisions).toEqual(sourceRevisions);
  });

  it.each([
    ['an IMAGE_DIGEST for the GitHub source', { actionName: 'Source', revisionType: 'IMAGE_DIGEST', revisionValue: 'sha256:ab' }, /provider CodeStarSourceConnection.*use COMMIT_ID/],
    ['a COMMIT_ID for the ECR source', { actionName: 'Image', revisionType: 'COMMIT_ID', revisionValue: 'abc' }, /provider ECR.*use IMAGE_DIGEST/],
    ['an S3_OBJECT_KEY without AllowOverrideForS3ObjectKey', { actionName: 'Bundle', revisionType: 'S3_OBJECT_KEY', revisionValue: 'x.zip' }, /AllowOverrideForS3ObjectKey/],
  ] as const)('rejects %s with ValidationException (FIDELITY CP-4)', async (_case, revision, message) => {
    // Prepare
    sim.addPipeline(multiSourcePipeline(false));

    // Act
    const call = start({ sourceRevisions: [revision] });

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(message) });
    expect(sim.executions('app')).toHaveLength(0);
  });

  it('rejects a malformed pipeline name or execution id with ValidationException naming the member', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const badName = aws.codepipeline.send(new GetPipelineCommand({ name: 'has spaces' }));
    const badId = aws.codepipeline.send(new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId: 'not-an-id' }));

    // Assess
    await expect(badName).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'name'") });
    await expect(badId).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("at 'pipelineExecutionId'") });
  });

  it('rejects variables on a V1 pipeline', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { pipelineType: 'V1' }));

    // Act
    const call = start({ variables: [{ name: 'IMAGE_TAG', value: 'v2' }] });

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('V2') });
  });

  it('never creates a second execution for the same clientRequestToken', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const first = await start({ clientRequestToken: 'run-42-1-deploy-app' });
    const again = await start({ clientRequestToken: 'run-42-1-deploy-app' });
    const other = await start({ clientRequestToken: 'run-42-2-deploy-app' });

    // Assess
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(sim.executions('app').map((execution) => execution.id)).toEqual([first, other]);
  });

  it('fails the execution with the failed action and its error details', async () => {
    // Prepare
    sim.addPipeline(
      blueGreenPipeline('app', {
        starts: [{ actions: { Build: { outcome: 'Failed', errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAILED' } } } }],
      }),
    );

    // Act
    const id = await start();
    const ended = await sim.waitForExecution('app', id);
    const { actionExecutionDetails } = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id } }));

    // Assess
    expect(ended.status).toBe('Failed');
    expect(ended.stages).toEqual({ Source: 'Succeeded', Build: 'Failed' });
    expect(ended.statusSummary).toContain('Build');
    expect(actionExecutionDetails?.map((detail) => detail.actionName)).toEqual(['Build', 'Source']);
    expect(actionExecutionDetails?.[0]?.output?.executionResult?.errorDetails).toEqual({
      code: 'JobFailed',
      message: 'Build terminated with state: FAILED',
    });
  });

  it('applies per-start overrides in order, then the scenario itself', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { executionMode: 'PARALLEL', starts: [{ actions: { Build: { outcome: 'Failed' } } }] }));

    // Act
    const first = await sim.waitForExecution('app', await start());
    const second = await sim.waitForExecution('app', await start());

    // Assess
    expect(first.status).toBe('Failed');
    expect(second.status).toBe('Succeeded');
  });

  it('pages action executions with nextToken, honouring maxResults and the scenario page cap', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { listPageSize: 2 }));
    const id = await start();
    await sim.waitForExecution('app', id);

    // Act
    const pages: ActionExecutionDetail[][] = [];
    let nextToken: string | undefined;
    do {
      const page = await aws.codepipeline.send(
        new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id }, maxResults: 100, ...(nextToken === undefined ? {} : { nextToken }) }),
      );
      pages.push(page.actionExecutionDetails ?? []);
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    const single = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', maxResults: 1 }));

    // Assess
    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().map((detail) => detail.actionName)).toEqual(['Deploy', 'Build', 'Source']);
    expect(single.actionExecutionDetails).toHaveLength(1);
    expect(single.nextToken).toBeDefined();
  });

  it('puts a failed action on a later page when a parallel action declared before it ran alongside', async () => {
    // Prepare
    const scenario = blueGreenPipeline('app', { listPageSize: 1 });
    sim.addPipeline({
      ...scenario,
      stages: scenario.stages.map((stage) =>
        stage.name === 'Build'
          ? { ...stage, actions: [{ name: 'Lint', category: 'Test', provider: 'CodeBuild', durationSeconds: 5 }, { ...stage.actions[0]!, outcome: 'Failed' as const }] }
          : stage,
      ),
    });
    const id = await start();
    await sim.waitForExecution('app', id);

    // Act
    const first = await aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id } }));
    const second = await aws.codepipeline.send(
      new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: id }, nextToken: first.nextToken }),
    );

    // Assess
    expect(first.actionExecutionDetails?.map((detail) => [detail.actionName, detail.status])).toEqual([['Lint', 'Succeeded']]);
    expect(second.actionExecutionDetails?.map((detail) => [detail.actionName, detail.status])).toEqual([['Build', 'Failed']]);
  });

  it.each([0, 101])('rejects maxResults %i with ValidationException', async (maxResults) => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const call = aws.codepipeline.send(new ListActionExecutionsCommand({ pipelineName: 'app', maxResults }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('maxResults') });
  });

  it('rejects a forged nextToken with InvalidNextTokenException', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));

    // Act
    const call = aws.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'app', nextToken: 'forged' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'InvalidNextTokenException' });
  });

  it('lists executions newest first, including the scenario history with its action timings', async () => {
    // Prepare
    sim.addPipeline(
      blueGreenPipeline('app', {
        executionMode: 'PARALLEL',
        history: [{ status: 'Succeeded', endedSecondsAgo: 600, actionDurations: { Build: 55 } }, { status: 'Failed', endedSecondsAgo: 7200 }],
      }),
    );
    const live = await start();

    // Act
    const { pipelineExecutionSummaries } = await aws.codepipeline.send(new ListPipelineExecutionsCommand({ pipelineName: 'app' }));
    const history = pipelineExecutionSummaries?.[1]?.pipelineExecutionId;
    const { actionExecutionDetails } = await aws.codepipeline.send(
      new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId: history } }),
    );

    // Assess
    expect(pipelineExecutionSummaries?.map((summary) => summary.status)).toEqual(['InProgress', 'Succeeded', 'Failed']);
    expect(pipelineExecutionSummaries?.[0]?.pipelineExecutionId).toBe(live);
    const build = actionExecutionDetails?.find((detail) => detail.actionName === 'Build');
    // 55 scenario seconds span what they would really take, so a client learns the durations it will see.
    expect((build?.lastUpdateTime?.getTime() ?? 0) - (build?.startTime?.getTime() ?? 0)).toBeCloseTo(55_000 * TIME_SCALE, -1);
    expect(Math.abs((pipelineExecutionSummaries?.[1]?.lastUpdateTime?.getTime() ?? 0) - (Date.now() - 600_000 * TIME_SCALE))).toBeLessThan(10_000);
    expect(sim.executions('app').map((execution) => execution.id)).toEqual([live]);
  });

  it('shows the latest execution per stage in GetPipelineState', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const id = await start();
    await sim.waitForExecution('app', id);

    // Act
    const { stageStates } = await aws.codepipeline.send(new GetPipelineStateCommand({ name: 'app' }));

    // Assess
    expect(stageStates?.map((stage) => [stage.stageName, stage.latestExecution?.status, stage.latestExecution?.pipelineExecutionId])).toEqual([
      ['Source', 'Succeeded', id],
      ['Build', 'Succeeded', id],
      ['Deploy', 'Succeeded', id],
    ]);
    expect(stageStates?.[2]?.actionStates?.[0]?.latestExecution?.externalExecutionId).toMatch(/^d-/);
  });
});
