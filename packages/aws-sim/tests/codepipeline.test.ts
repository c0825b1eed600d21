import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetPipelineCommand,
  GetPipelineExecutionCommand,
  ListActionExecutionsCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './helpers/clients.js';
import { blueGreenPipeline } from './helpers/scenarios.js';

describe('CodePipeline', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 7, timeScale: 0.005 });
    aws = clientsFor(sim);
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

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
    expect(metadata?.created).toBeInstanceOf(Date);
  });

  it('answers PipelineNotFoundException for an unknown pipeline', async () => {
    // Act
    const call = aws.codepipeline.send(new GetPipelineCommand({ name: 'missing' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'PipelineNotFoundException', $metadata: { httpStatusCode: 400 } });
  });

  it('plays an execution to Succeeded with variables, pinned source revision and external links', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app'));
    const commit = 'a'.repeat(40);

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(
      new StartPipelineExecutionCommand({
        name: 'app',
        variables: [{ name: 'IMAGE_TAG', value: 'v2' }],
        sourceRevisions: [{ actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: commit }],
        clientRequestToken: 'run-1-attempt-1',
      }),
    );
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');
    const { pipelineExecution } = await aws.codepipeline.send(
      new GetPipelineExecutionCommand({ pipelineName: 'app', pipelineExecutionId }),
    );
    const { actionExecutionDetails } = await aws.codepipeline.send(
      new ListActionExecutionsCommand({ pipelineName: 'app', filter: { pipelineExecutionId } }),
    );

    // Assess
    expect(ended.status).toBe('Succeeded');
    expect(pipelineExecution?.status).toBe('Succeeded');
    expect(pipelineExecution?.variables).toEqual([{ name: 'IMAGE_TAG', resolvedValue: 'v2' }]);
    expect(pipelineExecution?.artifactRevisions?.[0]?.revisionId).toBe(commit);
    expect(pipelineExecution?.trigger?.triggerType).toBe('StartPipelineExecution');
    expect(actionExecutionDetails?.map((detail) => [detail.actionName, detail.status])).toEqual([
      ['Deploy', 'Succeeded'],
      ['Build', 'Succeeded'],
      ['Source', 'Succeeded'],
    ]);
    const deploy = actionExecutionDetails?.[0];
    expect(deploy?.output?.executionResult?.externalExecutionId).toMatch(/^d-[A-Z0-9]{9}$/);
    expect(deploy?.output?.executionResult?.externalExecutionUrl).toContain('codedeploy/deployments/');
    expect(actionExecutionDetails?.[1]?.output?.executionResult?.externalExecutionId).toMatch(/^app-build:/);
    expect(actionExecutionDetails?.[2]?.output?.outputVariables?.['CommitId']).toBe(commit);
    expect(ended.clientRequestToken).toBe('run-1-attempt-1');
  });
});
