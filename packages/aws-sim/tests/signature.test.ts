import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CodePipelineClient, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '../src/index.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { signedFetch } from './support/signed-fetch.js';

const getPipeline = {
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CodePipeline_20150709.GetPipeline' },
  body: JSON.stringify({ name: 'app' }),
};
const DESCRIBE_LISTENERS = {
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'Action=DescribeListeners&Version=2015-12-01&ListenerArns.member.1=x',
};

describe('SigV4 signature checks', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 1, credentials: [{ accessKeyId: 'AKIATESTEXTRAKEY0000', secretAccessKey: 'extra-secret' }] });
    sim.addPipeline(blueGreenPipeline('app'));
  });

  afterEach(async () => {
    await sim.stop();
  });

  const errorOf = async (response: Response): Promise<{ status: number; type: unknown; message: unknown }> => {
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, type: body['__type'], message: body['message'] };
  };

  const client = (region: string, credentials: { accessKeyId: string; secretAccessKey: string }): CodePipelineClient =>
    new CodePipelineClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });

  it('answers a request without an Authorization header MissingAuthenticationTokenException (FIDELITY AUTH-1)', async () => {
    // Act
    const response = await fetch(sim.endpoint, { method: 'POST', ...getPipeline });

    // Assess
    expect(await errorOf(response)).toEqual({ status: 400, type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    expect(sim.calls.map((call) => [call.operation, call.errorType])).toEqual([['GetPipeline', 'MissingAuthenticationTokenException']]);
  });

  it('accepts the key pair of sim.env and the extra pairs given in options.credentials (FIDELITY AUTH-7)', async () => {
    // Prepare
    const own = client(sim.region, { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' });
    const extra = client(sim.region, { accessKeyId: 'AKIATESTEXTRAKEY0000', secretAccessKey: 'extra-secret' });

    // Act
    const answers = await Promise.all([own.send(new GetPipelineCommand({ name: 'app' })), extra.send(new GetPipelineCommand({ name: 'app' }))]);

    // Assess
    expect(answers.map((answer) => answer.pipeline?.name)).toEqual(['app', 'app']);
    own.destroy();
    extra.destroy();
  });

  it('refuses an SDK client that signs for another region, as AWS refuses it (FIDELITY AUTH-3)', async () => {
    // Prepare
    const elsewhere = client('eu-west-1', { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' });

    // Act
    const call = elsewhere.send(new GetPipelineCommand({ name: 'app' }));

    // Assess
    await expect(call).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: "Credential should be scoped to a valid region, not 'eu-west-1'.",
      $metadata: { httpStatusCode: 400 },
    });
    elsewhere.destroy();
  });

  it('refuses a request signed for another service (FIDELITY AUTH-4)', async () => {
    // Act
    const response = await signedFetch(sim, getPipeline, { signingName: 'codedeploy' });

    // Assess
    expect(await errorOf(response)).toEqual({
      status: 400,
      type: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'codepipeline'.",
    });
  });

  it('refuses a signature made with the wrong secret, and a body changed after signing (FIDELITY AUTH-2)', async () => {
    // Act
    const wrongSecret = await signedFetch(sim, getPipeline, {
      signingName: 'codepipeline',
      credentials: { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: 'not-the-secret' },
    });
    const tampered = await signedFetch(sim, getPipeline, { signingName: 'codepipeline', sendBody: JSON.stringify({ name: 'other' }) });

    // Assess
    for (const response of [wrongSecret, tampered]) {
      expect(await errorOf(response)).toMatchObject({ status: 400, type: 'InvalidSignatureException', message: expect.stringContaining('does not match the signature you provided') });
    }
  });

  it('answers the Query dialect of a signature mismatch to ELBv2: SignatureDoesNotMatch, 403 (FIDELITY AUTH-2)', async () => {
    // Act
    const response = await signedFetch(sim, DESCRIBE_LISTENERS, {
      signingName: 'elasticloadbalancing',
      credentials: { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: 'not-the-secret' },
    });
    const body = await response.text();

    // Assess
    expect(response.status).toBe(403);
    expect(body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses an unknown access key with UnrecognizedClientException (FIDELITY AUTH-6)', async () => {
    // Prepare
    const stranger = client(sim.region, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'whatever' });

    // Act
    const call = stranger.send(new GetPipelineCommand({ name: 'app' }));

    // Assess
    await expect(call).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
    stranger.destroy();
  });

  it('refuses a signature more than 15 minutes old (FIDELITY AUTH-5)', async () => {
    // Act
    const response = await signedFetch(sim, getPipeline, { signingName: 'codepipeline', signingDate: new Date(Date.now() - 16 * 60_000) });

    // Assess
    expect(await errorOf(response)).toMatchObject({ status: 400, type: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) });
  });
});
