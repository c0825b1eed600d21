import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CodePipelineClient, DeletePipelineCommand, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { signedFetch } from './support/signed-fetch.js';

describe('wire protocol', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 1 });
    aws = clientsFor(sim);
    sim.addPipeline(blueGreenPipeline('app'));
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const post = (target: string, body: unknown): Promise<Response> =>
    signedFetch(sim, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: JSON.stringify(body) }, { signingName: 'codepipeline' });

  it('reaches an SDK client configured only by the AWS_ENDPOINT_URL_* environment variables', async () => {
    // Prepare
    const saved = { ...process.env };
    Object.assign(process.env, sim.env);
    const client = new CodePipelineClient({});

    // Act
    try {
      const { pipeline } = await client.send(new GetPipelineCommand({ name: 'app' }));

      // Assess
      expect(pipeline?.name).toBe('app');
      expect(sim.callsTo('GetPipeline')).toHaveLength(1);
    } finally {
      client.destroy();
      process.env = saved;
    }
  });

  it('answers AWS JSON 1.1 with epoch-second timestamps and the JSON 1.1 content type', async () => {
    // Act
    const response = await post('CodePipeline_20150709.GetPipeline', { name: 'app' });
    const body = (await response.json()) as { metadata: { created: unknown } };

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(typeof body.metadata.created).toBe('number');
    expect(Math.abs((body.metadata.created as number) - Date.now() / 1000)).toBeLessThan(600);
  });

  it('answers errors as {"__type", "message"} with the right status', async () => {
    // Act
    const response = await post('CodePipeline_20150709.GetPipeline', { name: 'nope' });
    const body = (await response.json()) as Record<string, unknown>;

    // Assess
    expect(response.status).toBe(400);
    expect(body['__type']).toBe('PipelineNotFoundException');
    expect(body['message']).toContain('nope');
  });

  it('answers AccessDeniedException (403) naming an operation it does not implement', async () => {
    // Act
    const call = aws.codepipeline.send(new DeletePipelineCommand({ name: 'app' }));

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('codepipeline:DeletePipeline'),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers SerializationException to a body that is not JSON', async () => {
    // Act
    const response = await signedFetch(
      sim,
      { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.GetPipeline' }, body: '{not json' },
      { signingName: 'codepipeline' },
    );

    // Assess
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>)['__type']).toBe('SerializationException');
  });

  it('records every call with its service, operation, input and status', async () => {
    // Act
    await aws.codepipeline.send(new GetPipelineCommand({ name: 'app' }));
    await aws.codepipeline.send(new GetPipelineCommand({ name: 'nope' })).catch(() => undefined);

    // Assess
    expect(sim.calls.map((call) => [call.service, call.operation, call.input['name'], call.status, call.errorType])).toEqual([
      ['codepipeline', 'GetPipeline', 'app', 200, undefined],
      ['codepipeline', 'GetPipeline', 'nope', 400, 'PipelineNotFoundException'],
    ]);
    expect(sim.calls[0]?.at).toBeInstanceOf(Date);
  });
});
