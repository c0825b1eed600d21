import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterEach, describe, expect, it } from '@jest/globals';

import { checkDependabotCoverage, DEPENDABOT_RULE, expandDirectory } from '../src/dependabot-coverage.js';
import { validateDependabotConfig } from '../src/dependabot-schema.js';
import type { DependabotConfig } from '../src/dependabot-schema.js';
import { findDependencyManifests } from '../src/dependency-manifests.js';
import { formatFindings } from '../src/finding.js';
import { repositoryRoot } from '../src/repository-files.js';
import { parseYaml, readYamlFile } from '../src/yaml-source.js';

const DEPENDABOT_FILE = '.github/dependabot.yml';

const validConfig = (text: string): DependabotConfig => {
  const validation = validateDependabotConfig(parseYaml(text, 'dependabot.yml'));
  if (!validation.valid) throw new Error(formatFindings(validation.findings));
  return validation.config;
};

/** A throw-away repository laid out from `files` (path → content). */
const temporaryRepositories: string[] = [];
const repositoryWith = (files: Record<string, string>): string => {
  const root = mkdtempSync(join(tmpdir(), 'repo-checks-'));
  temporaryRepositories.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
};

afterEach(() => {
  for (const root of temporaryRepositories.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe("the repository's Dependabot configuration", () => {
  it('is valid for Dependabot', async () => {
    // Prepare
    const source = await readYamlFile(join(repositoryRoot, DEPENDABOT_FILE), DEPENDABOT_FILE);

    // Act
    const validation = validateDependabotConfig(source);

    // Assess
    expect(validation.valid ? '' : formatFindings(validation.findings)).toBe('');
  });

  it('groups npm, GitHub Actions and Terraform updates', async () => {
    // Prepare
    const source = await readYamlFile(join(repositoryRoot, DEPENDABOT_FILE), DEPENDABOT_FILE);

    // Act
    const validation = validateDependabotConfig(source);

    // Assess
    const updates = validation.valid ? validation.config.updates : [];
    expect(updates.map((update) => update['package-ecosystem'])).toEqual(['npm', 'github-actions', 'terraform']);
    for (const update of updates) expect(Object.keys(update.groups ?? {}).length).toBeGreaterThan(0);
  });

  it('covers every manifest in the repository and names only directories that hold one', async () => {
    // Prepare
    const source = await readYamlFile(join(repositoryRoot, DEPENDABOT_FILE), DEPENDABOT_FILE);
    const validation = validateDependabotConfig(source);
    const manifests = await findDependencyManifests(repositoryRoot);

    // Act
    const findings = validation.valid
      ? checkDependabotCoverage(validation.config, manifests, repositoryRoot, DEPENDABOT_FILE, (index) =>
          source.lineAt(['updates', index]),
        )
      : validation.findings;

    // Assess
    expect(formatFindings(findings)).toBe('');
    expect(manifests.npm).toEqual(['/']);
    expect(manifests['github-actions']).toContain('/');
  });
});

describe('the Dependabot schema', () => {
  it('rejects a misspelt key and an unknown interval, naming where they are', () => {
    // Prepare
    const source = parseYaml(
      ['version: 2', 'updates:', '  - package-ecosystem: npm', '    directory: /', '    schedule:', '      interval: fortnightly', '    group:', '      all: { patterns: ["*"] }'].join('\n'),
      'dependabot.yml',
    );

    // Act
    const validation = validateDependabotConfig(source);

    // Assess
    const findings = validation.valid ? [] : validation.findings;
    expect(findings.map(({ line, message }) => ({ line, message: message.split(':')[0] }))).toEqual([
      { line: 6, message: 'updates.0.schedule.interval' },
      { line: 7, message: 'updates.0.group' },
    ]);
  });

  it("requires exactly one of 'directory' and 'directories'", () => {
    // Prepare
    const source = parseYaml(
      'version: 2\nupdates:\n  - package-ecosystem: npm\n    schedule: { interval: weekly }\n',
      'dependabot.yml',
    );

    // Act
    const validation = validateDependabotConfig(source);

    // Assess
    expect(validation.valid ? [] : validation.findings.map((finding) => finding.message)).toEqual([
      "updates.0: give exactly one of 'directory' or 'directories'.",
    ]);
  });
});

describe('the Dependabot coverage check', () => {
  it('reports a Terraform module no update covers, and a directory that does not exist', async () => {
    // Prepare
    const root = repositoryWith({
      'package-lock.json': '{}',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'terraform/modules/network/main.tf': '',
      'terraform/examples/complete/main.tf': '',
    });
    const config = validConfig(`
version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule: { interval: weekly }
  - package-ecosystem: github-actions
    directory: /
    schedule: { interval: weekly }
  - package-ecosystem: terraform
    directories: [/terraform/examples/*, /terraform/stacks/*]
    schedule: { interval: weekly }
`);

    // Act
    const findings = checkDependabotCoverage(config, await findDependencyManifests(root), root, 'dependabot.yml', () => 1);

    // Assess
    expect(findings.map(({ rule, message }) => `${rule}: ${message.split(' ')[0]} ${message.split(' ')[1] ?? ''}`)).toEqual([
      `${DEPENDABOT_RULE.MissingDirectory}: terraform directory`,
      `${DEPENDABOT_RULE.Uncovered}: /terraform/modules/network has`,
    ]);
  });

  it('counts a composite action as GitHub Actions manifest, but not a JavaScript action', async () => {
    // Prepare
    const root = repositoryWith({
      'actions/setup/action.yml': 'name: setup\ndescription: d\nruns:\n  using: composite\n  steps: []\n',
      'packages/pipeline-action/action.yml': 'name: p\ndescription: d\nruns:\n  using: node24\n  main: dist/index.js\n',
    });

    // Act
    const manifests = await findDependencyManifests(root);

    // Assess
    expect(manifests['github-actions']).toEqual(['/actions/setup']);
  });

  it('expands one-segment wildcards the way Dependabot does', () => {
    // Prepare
    const root = repositoryWith({ 'terraform/modules/a/main.tf': '', 'terraform/modules/b/main.tf': '' });

    // Act
    const directories = expandDirectory(root, '/terraform/modules/*');

    // Assess
    expect(directories.sort()).toEqual(['/terraform/modules/a', '/terraform/modules/b']);
  });
});
