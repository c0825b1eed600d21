import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface DryRun {
  readonly tasks: readonly { readonly taskId: string; readonly dependencies: readonly string[] }[];
}

/** turbo's plan for a command, without running it. */
const plan = async (...args: readonly string[]): Promise<DryRun> => {
  const { stdout } = await promisify(execFile)('npx', ['turbo', 'run', ...args, '--dry-run=json'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as DryRun;
};

describe("the demo's build graph", () => {
  it('builds the action bundle and the hook zip with the demo (npm run demo), as declared dependencies', async () => {
    // Act
    const { tasks } = await plan('build', '--filter=@greenlight/demo...');

    // Assess
    expect(tasks.map((task) => task.taskId)).toEqual(
      expect.arrayContaining(['@greenlight/demo#build', '@greenlight/pipeline-action#build', '@greenlight/lifecycle-hooks#build']),
    );
  }, 60_000);

  it('does not rebuild them for the tests, which compare the committed artifacts with a fresh build', async () => {
    // Act
    const { tasks } = await plan('test', '--filter=@greenlight/demo');

    // Assess
    const demoTest = tasks.find((task) => task.taskId === '@greenlight/demo#test');
    expect(demoTest?.dependencies).toEqual(expect.arrayContaining(['@greenlight/demo#build', '@greenlight/aws-sim#build']));
    expect(tasks.map((task) => task.taskId).filter((id) => /(pipeline-action|lifecycle-hooks)#build$/.test(id))).toEqual([]);
  }, 60_000);
});
