import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StepExitedError, runStep, startStep } from '../src/index.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'echo-action.mjs');

describe('runStep', () => {
  it('passes hyphenated inputs and state the way the runner does and reads back outputs, state and summary', async () => {
    // Act
    const result = await runStep({ entry: fixture, inputs: { 'greeting-name': 'octo' }, state: { previous: 'x' } });

    // Assess
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toEqual({ greeting: 'hello octo\nsecond line' });
    expect(result.state).toEqual({ seen: 'x' });
    expect(result.summary).toBe('# Summary for octo\n');
    expect(result.errors).toEqual([
      { command: 'error', properties: { title: 'Greeting failed', file: 'a:b.ts' }, message: 'bad\nnews for octo' },
    ]);
  });

  it('runs the action under Node 24', async () => {
    // Act
    const result = await runStep({ entry: fixture, inputs: { 'greeting-name': 'octo' } });

    // Assess
    expect(result.stdout).toMatch(/^node 24\./m);
  });

  it('delivers a cancellation signal once the action reaches a given line', async () => {
    // Prepare
    const running = await startStep({ entry: fixture, inputs: { 'greeting-name': 'wait' }, killAfterMs: 10_000 });

    // Act
    await running.waitForOutput(/^waiting$/);
    running.kill('SIGINT');
    const result = await running.result;

    // Assess
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toContain('interrupted');
  });

  it('rejects a wait for a line the action never printed, whether it is still running or already gone', async () => {
    // Prepare
    const running = await startStep({ entry: fixture, inputs: { 'greeting-name': 'octo' } });

    // Act
    const whileRunning = running.waitForOutput(/^never printed$/).catch((error: unknown) => error);
    await running.result;
    const afterExit = running.waitForOutput(/^never printed$/).catch((error: unknown) => error);

    // Assess
    expect(await whileRunning).toBeInstanceOf(StepExitedError);
    expect(await afterExit).toEqual(
      expect.objectContaining({ message: 'the action exited (code 1) before printing a line matching /^never printed$/: check its stdout and stderr in the run result' }),
    );
    await expect(running.waitForOutput(/^node 24\./)).resolves.toMatch(/^node 24\./);
  });

  it('hands each output line to onLine as it is written, as the runner streams the live log', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const result = await runStep({
      entry: fixture,
      inputs: { 'greeting-name': 'octo' },
      onLine: (line, stream) => lines.push(`${stream}: ${line}`),
    });

    // Assess
    expect(lines).toEqual(result.stdout.trimEnd().split('\n').map((line) => `stdout: ${line}`));
  });
});
