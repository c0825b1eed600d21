import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { checkPipelineActionUsages } from '../src/action-usage.js';
import { loadActionlint } from '../src/actionlint.js';
import { formatFindings } from '../src/finding.js';
import { repositoryRoot } from '../src/repository-files.js';
import { readNamedWorkflow, readRepositoryWorkflows } from '../src/repository-workflows.js';
import { readWorkflow } from '../src/workflow-model.js';
import type { Workflow } from '../src/workflow-model.js';
import { checkRunScripts } from '../src/run-scripts.js';
import { checkWorkflowRules, WORKFLOW_PROFILE, WORKFLOW_RULE } from '../src/workflow-rules.js';
import { parseYaml } from '../src/yaml-source.js';

const workflowFrom = (text: string): Workflow => readWorkflow(parseYaml(text, 'fixture.yml'));

const stepCommands = (workflow: Workflow, jobId: string): string[] =>
  workflow.jobs
    .find((job) => job.id === jobId)
    ?.steps.map((step) => step.definition['run'])
    .filter((run): run is string => typeof run === 'string') ?? [];

const PINNED_CHECKOUT = 'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1';

describe('the repository workflows', () => {
  it('include CI, the committed-artifact check and the release workflow', async () => {
    // Act
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Assess
    expect(workflows.map(({ workflow }) => workflow.source.source)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/release.yml',
      ]),
    );
  });

  it('pass actionlint, examples included', async () => {
    // Prepare
    const actionlint = loadActionlint();
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Act
    const findings = (
      await Promise.all(workflows.map(({ workflow }) => actionlint(workflow.source.text, workflow.source.source)))
    ).flat();

    // Assess
    expect(formatFindings(findings)).toBe('');
  });

  it('pin actions by SHA with a version comment, grant least privilege and bound every job', async () => {
    // Prepare
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Act
    const findings = workflows.flatMap(({ workflow, profile }) => checkWorkflowRules(workflow, profile));

    // Assess
    expect(formatFindings(findings)).toBe('');
  });

  it('each declare how concurrent runs of the same ref behave', async () => {
    // Prepare
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Act
    const withoutConcurrency = workflows
      .filter(({ workflow }) => workflow.definition['concurrency'] === undefined)
      .map(({ workflow }) => workflow.source.source);

    // Assess
    expect(withoutConcurrency).toEqual([]);
  });

  it('have only run scripts that parse in bash', async () => {
    // Prepare
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Act
    const findings = workflows.flatMap(({ workflow }) => checkRunScripts(workflow));

    // Assess
    expect(formatFindings(findings)).toBe('');
  });

  it('call the pipeline action only with inputs its action.yml declares, and every required one', async () => {
    // Prepare
    const workflows = await readRepositoryWorkflows(repositoryRoot);

    // Act
    const { usages, findings } = await checkPipelineActionUsages(
      workflows.map(({ workflow }) => workflow.source),
      repositoryRoot,
    );

    // Assess
    expect(usages.length).toBeGreaterThan(0);
    expect(formatFindings(findings)).toBe('');
  });

  it("run the example's deploy job in the GitHub environment the example's deploy role trusts", async () => {
    // Prepare
    const workflow = await readNamedWorkflow(repositoryRoot, 'terraform/examples/complete/deploy-workflow.yml');
    const variables = await readFile(join(repositoryRoot, 'terraform/examples/complete/variables.tf'), 'utf8');
    // The example's main.tf passes [var.github_environment] as the stack's only deploy subject.
    const trusted = /variable "github_environment" \{[^}]*?default\s*=\s*"([^"]+)"/.exec(variables)?.[1];

    // Act
    const environments = workflow.jobs.map((job) => job.definition['environment']);

    // Assess
    expect(trusted).toBeDefined();
    expect(environments).toEqual([trusted]);
  });

  it('run lint, typecheck, test and build on Node 24 in CI, cancelling superseded runs', async () => {
    // Act
    const ci = await readNamedWorkflow(repositoryRoot, '.github/workflows/ci.yml');

    // Assess
    const setupNode = ci.uses.find((uses) => uses.jobId === 'ci' && uses.ref.startsWith('actions/setup-node@'));
    expect(setupNode?.with['node-version']).toBe(24);
    expect(stepCommands(ci, 'ci')).toEqual(['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run build']);
    expect(ci.definition['concurrency']).toEqual({ group: 'ci-${{ github.ref }}', 'cancel-in-progress': true });
    expect([...ci.triggers.keys()].sort()).toEqual(['pull_request', 'push']);
  });

  it('rebuild both committed artifacts without cache and fail on any change to them', async () => {
    // Act
    const checkDist = await readNamedWorkflow(repositoryRoot, '.github/workflows/check-dist.yml');

    // Assess
    const commands = stepCommands(checkDist, 'check-dist').join('\n');
    expect(commands).toMatch(/turbo run build .*--filter=@greenlight\/pipeline-action.*--force/);
    expect(commands).toMatch(/--filter=@greenlight\/lifecycle-hooks/);
    expect(commands).toContain('git status --porcelain -- packages/pipeline-action/dist packages/lifecycle-hooks/dist');
    expect(commands).toContain('exit 1');
  });
});

describe('actionlint', () => {
  it('reports an expression that reads an undefined property, at its line', async () => {
    // Prepare
    const actionlint = loadActionlint();
    const text = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - run: echo "${{ github.no_such_property }}"',
    ].join('\n');

    // Act
    const findings = await actionlint(text, 'broken.yml', 10);

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ file: 'broken.yml', line: 16, rule: 'actionlint/expression' }),
    ]);
  });
});

describe('the run script check', () => {
  it('reports a script bash cannot parse at its line, reading expressions as words', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "\${{ github.sha }}" && test -n "\${{ github.ref }}"
      - run: |
          if [ -n "$TAG" ]; then
            echo "$TAG"
      - shell: python
        run: print("not bash (")
`);

    // Act
    const findings = checkRunScripts(workflow);

    // Assess
    expect(findings).toEqual([expect.objectContaining({ rule: 'run-script-syntax', line: 8 })]);
    expect(findings[0]?.message).toContain("step 2 in job 'build'");
  });
});

describe('the workflow rules', () => {
  it('reject an action referenced by a movable tag', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: { contents: read }
    steps:
      - uses: actions/setup-node@v7
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Repository);

    // Assess
    expect(findings).toEqual([expect.objectContaining({ rule: WORKFLOW_RULE.PinnedAction, line: 10 })]);
    expect(findings[0]?.message).toContain('actions/setup-node@v7 is not pinned to a full commit SHA');
  });

  it('reject a SHA pin that does not say which version it is', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with: { persist-credentials: false }
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Repository);

    // Assess
    expect(findings.map((finding) => finding.rule)).toEqual([WORKFLOW_RULE.VersionComment]);
  });

  it('require permissions: {} at the top and explicit permissions on each job', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
      - run: npm test
  publish:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: write-all
    steps:
      - run: npm publish
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Repository);

    // Assess
    expect(findings.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: WORKFLOW_RULE.TopLevelPermissions, line: 3 },
      { rule: WORKFLOW_RULE.JobPermissions, line: 6 },
      { rule: WORKFLOW_RULE.JobPermissions, line: 11 },
    ]);
  });

  it("reject a pull_request_target workflow that checks out the pull request's head", () => {
    // Prepare
    const workflow = workflowFrom(`
on: pull_request_target
permissions: {}
jobs:
  test:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: { contents: read }
    steps:
      - uses: ${PINNED_CHECKOUT}
        with:
          ref: \${{ github.event.pull_request.head.sha }}
          persist-credentials: false
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Repository);

    // Assess
    expect(findings).toEqual([expect.objectContaining({ rule: WORKFLOW_RULE.PullRequestTargetCheckout, line: 10 })]);
  });

  it('reject a checkout that leaves the token in .git/config and a job with no timeout', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-24.04
    permissions: { contents: read }
    steps:
      - uses: ${PINNED_CHECKOUT}
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Repository);

    // Assess
    expect(findings.map((finding) => finding.rule)).toEqual([WORKFLOW_RULE.JobTimeout, WORKFLOW_RULE.PersistedCredentials]);
  });

  it('let an example reference greenlight by tag, but still require permissions', () => {
    // Prepare
    const workflow = workflowFrom(`
on: push
jobs:
  deploy:
    runs-on: ubuntu-24.04
    steps:
      - uses: my-org/greenlight/packages/pipeline-action@v1
        with: { pipeline-name: app }
`);

    // Act
    const findings = checkWorkflowRules(workflow, WORKFLOW_PROFILE.Example);

    // Assess
    expect(findings).toEqual([expect.objectContaining({ rule: WORKFLOW_RULE.JobPermissions, line: 4 })]);
  });
});
