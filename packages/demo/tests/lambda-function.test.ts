import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ZipArchiveError } from '../src/errors.js';
import { LambdaFunction } from '../src/lambda-invoker.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/echo-function.zip', import.meta.url));

const deploy = (timeoutMs: number): Promise<LambdaFunction> =>
  LambdaFunction.deploy({
    zipPath: FIXTURE,
    functionName: 'CodeDeployHook_demo',
    timeoutMs,
    environment: { GREENLIGHT_CONFIG: '{"checks":[]}' },
  });

describe('LambdaFunction', () => {
  it('imports index.mjs from the unpacked zip and calls handler with a counting-down context and its environment', async () => {
    // Prepare
    const logs: string[] = [];
    const fn = await deploy(30_000);

    // Act
    const outcome = await fn.invoke({ DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'e-1' }, (line) => logs.push(line));
    await fn.remove();

    // Assess
    expect(outcome.ok).toBe(true);
    const result = (outcome.ok ? outcome.result : {}) as { remainingMs: number; functionName: string; config: string };
    expect(result.remainingMs).toBeGreaterThan(0);
    expect(result.remainingMs).toBeLessThan(30_000);
    expect(result.functionName).toBe('CodeDeployHook_demo');
    expect(result.config).toBe('{"checks":[]}');
    expect(logs.some((line) => line.includes('"DeploymentId":"d-1"'))).toBe(true);
  }, 30_000);

  it('reports a handler that throws as a function error', async () => {
    // Prepare
    const fn = await deploy(30_000);

    // Act
    const outcome = await fn.invoke({ mode: 'throw' });
    await fn.remove();

    // Assess
    expect(outcome).toMatchObject({ ok: false, error: 'boom' });
  }, 30_000);

  it('ends an invocation that outlives its timeout as Lambda does', async () => {
    // Prepare
    const fn = await deploy(1_000);

    // Act
    const outcome = await fn.invoke({ mode: 'hang' });
    await fn.remove();

    // Assess
    expect(outcome).toMatchObject({ ok: false, error: 'Task timed out after 1.00 seconds' });
  }, 30_000);

  it('refuses a file that is not a zip, naming it', async () => {
    // Prepare
    const notZip = path.join(tmpdir(), `not-a-zip-${process.pid}.zip`);
    await writeFile(notZip, 'plain text, not an archive');

    // Act
    const deployment = LambdaFunction.deploy({ zipPath: notZip, functionName: 'x', timeoutMs: 1_000, environment: {} });

    // Assess
    await expect(deployment).rejects.toThrow(ZipArchiveError);
    await expect(deployment).rejects.toThrow(notZip);
  });

  it('refuses an entry that would be written outside the unpack directory (zip slip)', async () => {
    // Prepare: rename the fixture's index.mjs (9 bytes) to ../ab.mjs (9 bytes) in both headers.
    const archive = await readFile(FIXTURE);
    const crafted = Buffer.from(archive.toString('latin1').replaceAll('index.mjs', '../ab.mjs'), 'latin1');
    const zipPath = path.join(tmpdir(), `zip-slip-${process.pid}.zip`);
    await writeFile(zipPath, crafted);

    // Act
    const deployment = LambdaFunction.deploy({ zipPath, functionName: 'x', timeoutMs: 1_000, environment: {} });

    // Assess
    await expect(deployment).rejects.toThrow('entry "../ab.mjs" points outside the archive root');
  });
});
