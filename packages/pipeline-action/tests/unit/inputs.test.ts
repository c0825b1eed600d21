import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/errors.js';
import { parseInputs } from '../../src/inputs.js';

const reader = (inputs: Record<string, string>) => (name: string): string => inputs[name] ?? '';
const ENV = { AWS_REGION: 'eu-west-1' };

describe('parseInputs', () => {
  it('applies the documented defaults when only pipeline-name is given', () => {
    // Act
    const inputs = parseInputs(reader({ 'pipeline-name': 'app' }), ENV);

    // Assess
    expect(inputs).toEqual({
      pipelineName: 'app',
      region: 'eu-west-1',
      wait: true,
      timeoutMinutes: 60,
      variables: [],
      sourceRevisions: [],
      pinCommit: true,
      executionId: undefined,
      onCancel: 'rollback',
      clientRequestToken: undefined,
      githubDeployment: undefined,
      warnings: [],
    });
  });

  it.each([
    [{ 'on-cancel': 'stop' }, 'stop', 0],
    [{ 'on-cancel': 'none' }, 'none', 0],
    [{ 'stop-on-cancel': 'false' }, 'none', 1],
    [{ 'stop-on-cancel': 'true' }, 'rollback', 1],
    // The runner fills on-cancel's default in: stop-on-cancel still decides beside it.
    [{ 'on-cancel': 'rollback', 'stop-on-cancel': 'false' }, 'none', 1],
    [{ 'on-cancel': 'stop', 'stop-on-cancel': 'true' }, 'stop', 1],
  ])('reads on-cancel %j as %s, with a deprecation warning for each stop-on-cancel', (given, onCancel, warnings) => {
    // Act
    const inputs = parseInputs(reader({ 'pipeline-name': 'app', ...given }), ENV);

    // Assess
    expect(inputs.onCancel).toBe(onCancel);
    expect(inputs.warnings).toHaveLength(warnings);
    expect(inputs.warnings.every((warning) => warning.includes(`'stop-on-cancel' is deprecated: write 'on-cancel: ${onCancel}'`))).toBe(true);
  });

  it.each([
    [{ 'on-cancel': 'abandon' }, "Input 'on-cancel' must be rollback, stop or none, got 'abandon'."],
    [{ 'on-cancel': 'stop', 'stop-on-cancel': 'false' }, "Input 'stop-on-cancel' is deprecated and says false while on-cancel says stop: remove stop-on-cancel."],
    [{ 'on-cancel': 'none', 'stop-on-cancel': 'true' }, "Input 'stop-on-cancel' is deprecated and says true while on-cancel says none: remove stop-on-cancel."],
    [{ 'stop-on-cancel': 'yes' }, "Input 'stop-on-cancel' must be true or false, got 'yes'."],
  ])('refuses on-cancel %j naming the input', (given, message) => {
    // Act
    const parse = (): unknown => parseInputs(reader({ 'pipeline-name': 'app', ...given }), ENV);

    // Assess
    expect(parse).toThrow(expect.objectContaining({ name: 'InputError', message: expect.stringContaining(message) }));
  });

  it('prefers the region input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    // Act
    const regions = [
      parseInputs(reader({ 'pipeline-name': 'app', region: 'us-west-2' }), ENV).region,
      parseInputs(reader({ 'pipeline-name': 'app' }), { AWS_DEFAULT_REGION: 'ap-south-1', ...ENV }).region,
      parseInputs(reader({ 'pipeline-name': 'app' }), { AWS_DEFAULT_REGION: 'ap-south-1' }).region,
    ];

    // Assess
    expect(regions).toEqual(['us-west-2', 'eu-west-1', 'ap-south-1']);
  });

  it('parses source revisions with and without a type, keeping digests with colons as values', () => {
    // Act
    const inputs = parseInputs(
      reader({
        'pipeline-name': 'app',
        'source-revisions': 'Source=abc123\nImage=IMAGE_DIGEST:sha256:ffee\nArtifacts=S3_OBJECT_KEY:builds/app.zip',
      }),
      ENV,
    );

    // Assess
    expect(inputs.sourceRevisions).toEqual([
      { actionName: 'Source', revisionType: 'COMMIT_ID', revisionValue: 'abc123' },
      { actionName: 'Image', revisionType: 'IMAGE_DIGEST', revisionValue: 'sha256:ffee' },
      { actionName: 'Artifacts', revisionType: 'S3_OBJECT_KEY', revisionValue: 'builds/app.zip' },
    ]);
  });

  it('accepts fractional timeouts and YAML booleans', () => {
    // Act
    const inputs = parseInputs(reader({ 'pipeline-name': 'app', 'timeout-minutes': '0.5', wait: 'False', 'pin-commit': 'TRUE' }), ENV);

    // Assess
    expect(inputs).toMatchObject({ timeoutMinutes: 0.5, wait: false, pinCommit: true });
  });

  it('keeps variable values that contain = signs', () => {
    // Act
    const inputs = parseInputs(reader({ 'pipeline-name': 'app', variables: 'QUERY=a=b&c=d' }), ENV);

    // Assess
    expect(inputs.variables).toEqual([{ name: 'QUERY', value: 'a=b&c=d' }]);
  });

  it('reads the GitHub deployment settings together', () => {
    // Act
    const inputs = parseInputs(
      reader({ 'pipeline-name': 'app', 'github-token': 'tok', environment: 'prod', 'environment-url': 'https://x.example' }),
      ENV,
    );

    // Assess
    expect(inputs.githubDeployment).toEqual({ token: 'tok', environment: 'prod', environmentUrl: 'https://x.example' });
  });

  it('rejects more than 50 variables naming the input and the limit', () => {
    // Prepare
    const variables = Array.from({ length: 51 }, (_, index) => `V${index}=x`).join('\n');

    // Act
    const parse = (): unknown => parseInputs(reader({ 'pipeline-name': 'app', variables }), ENV);

    // Assess
    expect(parse).toThrow(InputError);
    expect(parse).toThrow("Input 'variables' accepts at most 50 lines, got 51.");
  });
});
