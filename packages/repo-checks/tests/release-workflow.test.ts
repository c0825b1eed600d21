import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { recordOrEmpty } from '../src/plain-values.js';
import { repositoryRoot } from '../src/repository-files.js';
import { readNamedWorkflow } from '../src/repository-workflows.js';
import type { Workflow, WorkflowJob, WorkflowStep } from '../src/workflow-model.js';
import { runStep } from '../src/workflow-step-runner.js';

const runOf = (job: WorkflowJob): string =>
  job.steps
    .map((step) => step.definition['run'])
    .filter((run): run is string => typeof run === 'string')
    .join('\n');

const jobWith = (workflow: Workflow, id: string): WorkflowJob => {
  const job = workflow.jobs.find((candidate) => candidate.id === id);
  if (job === undefined) throw new Error(`release.yml has no job '${id}' (jobs: ${workflow.jobs.map((each) => each.id).join(', ')})`);
  return job;
};

const stepNamed = (job: WorkflowJob, prefix: string): WorkflowStep => {
  const step = job.steps.find((candidate) => String(candidate.definition['name']).startsWith(prefix));
  if (step === undefined) throw new Error(`job '${job.id}' of release.yml has no step named '${prefix}…'`);
  return step;
};

const stepIndex = (job: WorkflowJob, matches: (definition: WorkflowStep['definition']) => boolean): number =>
  job.steps.findIndex((step) => matches(step.definition));

/** The variables a job's `env:` declares, with the values a dry run gives them instead of `${{ }}`. */
const jobEnv = (job: WorkflowJob, values: Readonly<Record<string, string>>): Record<string, string> => {
  const declared = Object.keys(recordOrEmpty(job.definition['env'])).sort();
  const given = Object.keys(values).sort();
  if (declared.join() !== given.join()) throw new Error(`job '${job.id}' declares env ${declared.join(', ')}; the dry run sets ${given.join(', ')}`);
  return { ...values };
};

/** PATH, HOME and npm's own settings (registry, cache, CA) of this machine: what a runner's shell would have. */
const machineEnv = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        (['PATH', 'HOME'].includes(entry[0]) ||
          (/^npm_config_/.test(entry[0]) && !/^npm_config_(local_|global_)?prefix$/.test(entry[0]))),
    ),
  );

describe('the release workflow', () => {
  let release: Workflow;

  beforeAll(async () => {
    release = await readNamedWorkflow(repositoryRoot, '.github/workflows/release.yml');
  });

  it('runs only for version tags', () => {
    // Act
    const triggers = release.triggers;

    // Assess
    expect([...triggers.keys()]).toEqual(['push']);
    expect(triggers.get('push')).toEqual({ tags: ['v*.*.*'] });
  });

  it('grants contents: write to the GitHub release job alone, after verification passed', () => {
    // Act
    const writers = release.jobs.filter((job) => recordOrEmpty(job.definition['permissions'])['contents'] === 'write');

    // Assess
    expect(release.definition['permissions']).toEqual({});
    expect(writers.map((job) => job.id)).toEqual(['release']);
    expect(jobWith(release, 'release').definition['permissions']).toEqual({ contents: 'write' });
    expect(jobWith(release, 'release').definition['needs']).toBe('verify');
    expect(jobWith(release, 'verify').definition['permissions']).toEqual({ contents: 'read' });
  });

  it('lints, type-checks and tests, and fails when a committed artifact differs from a forced rebuild', () => {
    // Act
    const verify = runOf(jobWith(release, 'verify'));

    // Assess
    expect(verify).toContain('npm ci');
    expect(verify).toContain('npm run lint');
    expect(verify).toContain('npm run typecheck');
    expect(verify).toContain('npm test');
    expect(verify).toMatch(
      /turbo run build --filter=@greenlight\/pipeline-action --filter=@greenlight\/lifecycle-hooks --force/,
    );
    expect(verify).toContain('git status --porcelain -- packages/pipeline-action/dist packages/lifecycle-hooks/dist');
    expect(verify).toMatch(/::error::Committed artifacts are stale[^\n]*\n\s*exit 1/);
  });

  it('grants id-token: write to the npm job alone, which reads the repository and nothing more, after verification', () => {
    // Act
    const minters = release.jobs.filter((job) => recordOrEmpty(job.definition['permissions'])['id-token'] !== undefined);

    // Assess
    expect(minters.map((job) => job.id)).toEqual(['npm']);
    expect(jobWith(release, 'npm').definition['permissions']).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(jobWith(release, 'npm').definition['needs']).toBe('verify');
  });

  it('publishes the hook library from a fresh install and build, with provenance and public access', () => {
    // Prepare
    const npm = jobWith(release, 'npm');

    // Act
    const install = stepIndex(npm, (step) => step['run'] === 'npm ci');
    const build = stepIndex(npm, (step) => step['run'] === 'npm run build --workspace packages/lifecycle-hooks');
    const publish = stepIndex(npm, (step) => String(step['run']).includes('npm publish'));
    const setupNode = npm.steps.find((step) => String(step.definition['uses']).startsWith('actions/setup-node@'));

    // Assess
    expect(install).toBeGreaterThan(-1);
    expect(build).toBeGreaterThan(install);
    expect(publish).toBeGreaterThan(build);
    expect(String(npm.steps[publish]?.definition['run'])).toContain(
      'npm publish --provenance --access public --tag "$dist_tag" --workspace packages/lifecycle-hooks',
    );
    // What this job builds is published: no dependency cache may feed it.
    expect(recordOrEmpty(setupNode?.definition['with'])).toEqual({ 'node-version': 24 });
    expect(npm.definition['env']).toEqual({ GH_REPO: '${{ github.repository }}', TAG: '${{ github.ref_name }}' });
  });

  it('creates the release from the pushed tag with generated notes, the hook zip and its checksum attached', () => {
    // Act
    const publish = runOf(jobWith(release, 'release'));

    // Assess
    expect(publish).toMatch(/gh release create "\$TAG" --verify-tag .*--generate-notes .*"\$zip" "\$checksum"/);
    expect(publish).toContain('zip=packages/lifecycle-hooks/dist/lifecycle-hook.zip');
    expect(jobWith(release, 'release').definition['env']).toEqual(
      expect.objectContaining({ TAG: '${{ github.ref_name }}', GH_TOKEN: '${{ github.token }}' }),
    );
  });

  it('moves the major tag to the released commit, except for pre-releases', () => {
    // Prepare
    const job = jobWith(release, 'release');

    // Act
    const moveStep = job.steps.find((step) => String(step.definition['name']).startsWith('Move the major tag'));

    // Assess
    expect(moveStep?.definition['if']).toBe("${{ !contains(github.ref_name, '-') }}");
    const script = String(moveStep?.definition['run']);
    expect(script).toContain('major="${TAG%%.*}"');
    expect(script).toContain('git/refs/tags/$major" -f sha="$GITHUB_SHA" -F force=true');
    expect(script).toContain('-f ref="refs/tags/$major" -f sha="$GITHUB_SHA"');
  });

  it('never interpolates the tag name into a script, where a crafted tag could inject shell', () => {
    // Act
    const scripts = release.jobs.map(runOf).join('\n');

    // Assess
    expect(scripts).not.toMatch(/\$\{\{/);
  });

  it('queues concurrent releases instead of cancelling one mid-way', () => {
    // Assess
    expect(release.definition['concurrency']).toEqual({ group: 'release', 'cancel-in-progress': false });
  });

  describe('dry runs of the publishing scripts', () => {
    // Each runs npm or bash for real: seconds on a loaded machine.
    const dryRunTimeoutMs = 60_000;
    let sandbox: string;

    beforeAll(() => {
      sandbox = mkdtempSync(join(tmpdir(), 'release-dry-run-'));
    });

    afterAll(() => {
      rmSync(sandbox, { recursive: true, force: true });
    });

    /** A checkout holding what the scripts read: the workspace root, the hook package's manifest, README and zip. */
    const checkout = (name: string): string => {
      const root = join(sandbox, name);
      const hooks = join(root, 'packages/lifecycle-hooks');
      mkdirSync(join(hooks, 'dist'), { recursive: true });
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'greenlight', private: true, workspaces: ['packages/lifecycle-hooks'] }));
      for (const file of ['package.json', 'README.md', 'dist/lifecycle-hook.zip']) {
        copyFileSync(join(repositoryRoot, 'packages/lifecycle-hooks', file), join(hooks, file));
      }
      return root;
    };

    it.each([
      { tag: 'v1.4.0', version: '1.4.0', distTag: 'latest' },
      { tag: 'v2.0.0-rc.1', version: '2.0.0-rc.1', distTag: 'next' },
    ])('publish $tag to npm as $version under the $distTag dist-tag, naming this repository (npm --dry-run)', async ({ tag, version, distTag }) => {
      // Prepare
      const npm = jobWith(release, 'npm');
      const root = checkout(`npm-${tag}`);
      const env = { ...machineEnv(), ...jobEnv(npm, { GH_REPO: 'octo/greenlight', TAG: tag }) };

      // Act
      const versioned = await runStep(stepNamed(npm, 'Version the package'), { cwd: root, env });
      // A dry run still asks the registry whether the version exists; offline, it stays on this machine.
      const dryRun = { ...env, npm_config_dry_run: 'true', npm_config_offline: 'true' };
      const published = await runStep(stepNamed(npm, 'Publish to npm'), { cwd: root, env: dryRun });

      // Assess
      expect(versioned).toMatchObject({ exitCode: 0 });
      const manifest = JSON.parse(readFileSync(join(root, 'packages/lifecycle-hooks/package.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest).toMatchObject({
        version,
        repository: { type: 'git', url: 'git+https://github.com/octo/greenlight.git', directory: 'packages/lifecycle-hooks' },
      });
      expect(published.exitCode).toBe(0);
      expect(published.stderr).toContain(`with tag ${distTag} and public access (dry-run)`);
      expect(published.stdout).toContain(`+ @greenlight/lifecycle-hooks@${version}`);
    }, dryRunTimeoutMs);

    it.each([
      { tag: 'v1.4.0', prerelease: false },
      { tag: 'v2.0.0-rc.1', prerelease: true },
    ])('create the $tag release with the zip and a checksum file that sha256sum -c accepts (gh recorded)', async ({ tag, prerelease }) => {
      // Prepare
      const job = jobWith(release, 'release');
      const root = checkout(`release-${tag}`);
      const runnerTemp = join(root, '.runner-temp');
      const bin = join(root, '.bin');
      const calls = join(root, 'gh-calls.jsonl');
      mkdirSync(runnerTemp);
      mkdirSync(bin);
      // The GitHub CLI stands in as a recorder: what the script asks GitHub to do is the outcome under test.
      writeFileSync(join(bin, 'gh'), `#!/usr/bin/env node\nrequire('node:fs').appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
      chmodSync(join(bin, 'gh'), 0o755);
      const env = {
        ...machineEnv(),
        PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}`,
        RUNNER_TEMP: runnerTemp,
        GITHUB_SHA: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
        ...jobEnv(job, { GH_TOKEN: 'token', GH_REPO: 'octo/greenlight', TAG: tag }),
      };

      // Act
      const created = await runStep(stepNamed(job, 'Create the GitHub release'), { cwd: root, env });

      // Assess
      expect(created).toMatchObject({ exitCode: 0 });
      const [call] = readFileSync(calls, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
      const checksum = join(runnerTemp, 'lifecycle-hook.zip.sha256');
      expect(call).toEqual([
        ...['release', 'create', tag, '--verify-tag', '--title', tag],
        ...['--notes-file', join(runnerTemp, 'notes.md'), '--generate-notes'],
        ...(prerelease ? ['--prerelease'] : []),
        ...['packages/lifecycle-hooks/dist/lifecycle-hook.zip', checksum],
      ]);
      copyFileSync(checksum, join(root, 'packages/lifecycle-hooks/dist/lifecycle-hook.zip.sha256'));
      expect(() => execFileSync('sha256sum', ['-c', 'lifecycle-hook.zip.sha256'], { cwd: join(root, 'packages/lifecycle-hooks/dist') })).not.toThrow();
      const notes = readFileSync(join(runnerTemp, 'notes.md'), 'utf8');
      expect(notes).toContain(`uses: octo/greenlight@${tag.split('.')[0] ?? ''}`);
      expect(notes).toContain(`//terraform/modules/<name>?ref=${tag}`);
      expect(notes).toContain(`npm install @greenlight/lifecycle-hooks@${tag.slice(1)}`);
      expect(notes).toContain(readFileSync(checksum, 'utf8').split(' ')[0] ?? 'no checksum');
    }, dryRunTimeoutMs);
  });
});
