import { beforeAll, describe, expect, it } from '@jest/globals';

import { recordOrEmpty } from '../src/plain-values.js';
import { repositoryRoot } from '../src/repository-files.js';
import { readNamedWorkflow } from '../src/repository-workflows.js';
import type { Workflow, WorkflowJob } from '../src/workflow-model.js';

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

  it('grants contents: write to the publishing job alone, after verification passed', () => {
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

  it('creates the release from the pushed tag with generated notes and the hook zip attached', () => {
    // Act
    const publish = runOf(jobWith(release, 'release'));

    // Assess
    expect(publish).toMatch(/gh release create "\$TAG" --verify-tag .*--generate-notes/);
    expect(publish).toContain('packages/lifecycle-hooks/dist/lifecycle-hook.zip');
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
});
