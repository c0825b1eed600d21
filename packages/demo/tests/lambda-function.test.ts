import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ZipArchiveError } from '../src/errors.js';
import { LambdaFunction } from '../src/lambda-invoker.js';

const fixture = fileURLToPath(new URL('./fixtures/echo-function.zip', import.meta.url));

const deploy = (timeoutMs: number): Promise<LambdaFunction> =>
  LambdaFunction.deploy({
    zipPath: fixture,
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

  it('ships each invocation\'s output to the function\'s log group, in a stream of its own', async () => {
    // Prepare
    const shipped: { group: string; stream: string; message: string; timestamp: number }[] = [];
    const fn = await LambdaFunction.deploy({
      zipPath: fixture,
      functionName: 'CodeDeployHook_demo',
      timeoutMs: 30_000,
      environment: { GREENLIGHT_CONFIG: '{"checks":[]}' },
      logSink: (group, stream, events) => shipped.push(...events.map((event) => ({ group, stream, ...event }))),
    });
    const before = Date.now();

    // Act
    await fn.invoke({ DeploymentId: 'd-1', LifecycleEventHookExecutionId: 'e-1' });
    await fn.invoke({ DeploymentId: 'd-2', LifecycleEventHookExecutionId: 'e-2' });
    await fn.remove();

    // Assess
    const streams = [...new Set(shipped.map((event) => event.stream))];
    expect(new Set(shipped.map((event) => event.group))).toEqual(new Set(['/aws/lambda/CodeDeployHook_demo']));
    expect(streams).toHaveLength(2);
    for (const stream of streams) expect(stream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(shipped.find((event) => event.message.includes('"DeploymentId":"d-2"'))?.stream).toBe(streams[1]);
    expect(shipped.every((event) => event.timestamp >= before && event.timestamp <= Date.now())).toBe(true);
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
    const archive = await readFile(fixture);
    const crafted = Buffer.from(archive.toString('latin1').replaceAll('index.mjs', '../ab.mjs'), 'latin1');
    const zipPath = path.join(tmpdir(), `zip-slip-${process.pid}.zip`);
    await writeFile(zipPath, crafted);

    // Act
    const deployment = LambdaFunction.deploy({ zipPath, functionName: 'x', timeoutMs: 1_000, environment: {} });

    // Assess
    await expect(deployment).rejects.toThrow('entry "../ab.mjs" points outside the archive root');
  });
});
