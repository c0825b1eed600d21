import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { hookFunctionName } from '@greenlight/contracts';
import type { StepRunResult } from '@greenlight/testkit';
import { playEveryHook } from '../support/hook-player.js';
import { appPipeline, startHarness, type Harness } from '../support/harness.js';

/** Lines that would each be a workflow command if printed as they are (see testkit's workflow-commands.ts). */
const COMMAND_LINES = [
  '::save-state name=finished::true',
  '::set-output name=status::Succeeded',
  '::add-mask::Pipeline',
  '::warning::forged warning',
  'a JSON value {"x": "##[warning]forged legacy warning"}',
  '   ::notice::forged notice, indented',
  '::stop-commands::swallow',
] as const;

const hostile = `something went wrong\n${COMMAND_LINES.join('\r\n')}`;
const hookFunction = hookFunctionName('app', 'AfterAllowTestTraffic');

const OWN_LOG_COMMANDS: ReadonlySet<string> = new Set(['group', 'endgroup']);

/** The runner would execute only the action's own commands: its stage groups, one ::error, none from the text. */
const expectOnlyOwnCommands = (result: StepRunResult): void => {
  expect(result.commands.map((command) => command.command).filter((name) => !OWN_LOG_COMMANDS.has(name))).toEqual(['error']);
  expect(result.errors).toHaveLength(1);
  expect(result.outputs['status']).toBe('Failed');
  expect(result.state['finished']).toBe('true');
};

describe('text from AWS never becomes a workflow command', () => {
  let harness: Harness;
  let codedeploy: CodeDeployClient;

  beforeAll(async () => {
    harness = await startHarness([
      appPipeline('hostile-error', {
        actions: { Build: { outcome: 'Failed', errorDetails: { code: 'JobFailed', message: hostile } } },
      }),
      appPipeline('hostile-build-log', {
        actions: { Build: { outcome: 'Failed', errorDetails: { code: 'JobFailed', message: 'Build terminated with state: FAILED' } } },
        buildLogLines: ['npm test', ...COMMAND_LINES],
      }),
      appPipeline('hostile-hook', { deployment: { hooks: ['AfterAllowTestTraffic'] } }),
      appPipeline('long-running', { actions: { Source: { durationSeconds: 3600 } } }),
      appPipeline('forged-then-killed', {
        actions: { Source: { externalExecutionUrl: `https://github.com/octo/app/commit/x\n${COMMAND_LINES[0]}` }, Build: { durationSeconds: 3600 } },
      }),
    ], { timeScale: 0.05 });
    codedeploy = new CodeDeployClient({ region: harness.sim.region, endpoint: harness.sim.endpoint, credentials: { accessKeyId: harness.sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: harness.sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' } });
    playEveryHook(harness, codedeploy, `/aws/lambda/${hookFunction}`, (hook) => [
      JSON.stringify({ level: 'WARN', message: 'decision', deploymentId: hook.deploymentId, status: 'Failed', reason: hostile }),
    ], 'Failed');
  });
  afterAll(async () => {
    codedeploy.destroy();
    await harness.stop();
  });

  it('prints an action error message carrying commands without the runner executing any of them', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'hostile-error' });

    // Assess
    expect(result.exitCode).toBe(1);
    expectOnlyOwnCommands(result);
    expect(result.errors[0]?.message).toContain('something went wrong');
    expect(result.stdout).toContain('::warning::forged warning');
  });

  it('prints a CodeBuild log tail carrying commands without the runner executing any of them', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'hostile-build-log' });

    // Assess
    expect(result.exitCode).toBe(1);
    expectOnlyOwnCommands(result);
    expect(result.stdout).toContain('  ::set-output name=status::Succeeded');
  });

  it('prints a hook reason carrying commands without the runner executing any of them', async () => {
    // Act
    const result = await harness.run({ 'pipeline-name': 'hostile-hook' });

    // Assess
    expect(result.exitCode).toBe(1);
    expectOnlyOwnCommands(result);
    expect(result.errors[0]?.message).toContain('something went wrong');
  });

  it('has every key the post step reads in GITHUB_STATE once the execution is recorded, so a printed save-state cannot win', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'long-running' });
    await running.waitForOutput(/^Started execution /);

    // Act
    running.kill('SIGKILL');
    const result = await running.result;

    // Assess
    expect(result.state).toMatchObject({ finished: 'false', 'stop-requested': 'false', 'started-by-us': 'true' });
  });

  it('lets the post step stop the execution after a hard kill that came after a forged save-state printed mid-run', async () => {
    // Prepare
    const running = await harness.start({ 'pipeline-name': 'forged-then-killed' });
    await running.waitForOutput(/▶ Build › Build started/);
    running.kill('SIGKILL');
    const killed = await running.result;

    // Act
    const post = await harness.post(killed.state);

    // Assess
    expect(killed.stdout).toContain(COMMAND_LINES[0]);
    expect(killed.state).toMatchObject({ finished: 'false', 'stop-requested': 'false' });
    expect(post.exitCode).toBe(0);
    expect(harness.callsFor('StopPipelineExecution', 'forged-then-killed')).toHaveLength(1);
  });
});
