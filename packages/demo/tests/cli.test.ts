import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { node24Path } from '@greenlight/testkit';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

const runCli = (args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(node24Path(), [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });

describe('the demo CLI (dist/cli.js)', () => {
  it('prints the scenarios and options for --help and exits 0', async () => {
    // Act
    const { code, stdout } = await runCli(['--help']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('hook-fails');
    expect(stdout).toContain('--deployment-config');
  }, 30_000);

  it('exits 2 on a usage error, naming the option', async () => {
    // Act
    const { code, stderr } = await runCli(['--scenario', 'purple']);

    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain('--scenario "purple": expected one of');
  }, 30_000);

  it('exits 0 for hook-fails because the rollback is the expected outcome, and says so', async () => {
    // Act
    const { code, stdout } = await runCli(['--scenario', 'hook-fails', '--speed', '120']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).toContain('::error');
    expect(stdout).toContain('check "checkout page" failed');
    expect(stdout).toContain('rolled back before production saw v2 (this is the expected outcome)');
  }, 240_000);
});
