import { Agent } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import { AppProcess } from '../src/app-process.js';
import { get, versionOf } from './support/backend.js';

describe('AppProcess (the sample app under Node 24)', () => {
  it('serves its health, version and page, then drains and exits 0 on SIGTERM', async () => {
    // Prepare
    const logs: string[] = [];
    const app = await AppProcess.start({ version: 'v9', onLog: (line) => logs.push(line) });
    const base = `http://127.0.0.1:${app.port}`;

    // Act
    const [health, version, page, missing] = await Promise.all([
      get(`${base}/health`),
      get(`${base}/version`),
      get(`${base}/`),
      get(`${base}/nope`),
    ]);
    const exitCode = await app.stop();

    // Assess
    expect(health).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(versionOf(version)).toBe('v9');
    expect(page.body).toContain('version v9');
    expect(missing.status).toBe(404);
    expect(exitCode).toBe(0);
    expect(logs.some((line) => line.includes('"msg":"draining"'))).toBe(true);
  }, 30_000);

  it('exits cleanly on SIGTERM without waiting out an idle keep-alive connection', async () => {
    // Prepare: a kept-alive socket stays open (idle) after its request, as the load balancer's pool keeps them.
    const app = await AppProcess.start({ version: 'v1' });
    const agent = new Agent({ keepAlive: true });
    await get(`http://127.0.0.1:${app.port}/health`, agent);

    // Act: the stop timeout (SIGKILL, exit code null) is far below the app's 65 s keep-alive timeout.
    const exitCode = await app.stop(5_000);
    agent.destroy();

    // Assess
    expect(exitCode).toBe(0);
  }, 30_000);
});
