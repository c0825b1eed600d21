import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { loadActionlint } from '../src/actionlint.js';
import {
  ACTION_USAGE_RULE,
  checkActionUsage,
  checkPipelineActionUsages,
  findActionUsages,
  isPipelineActionRef,
  PIPELINE_ACTION_FILE,
  pipelineActionFileOf,
  readActionInputs,
} from '../src/action-usage.js';
import { parseYamlSnippets, readRepositoryDocs } from '../src/doc-snippets.js';
import { formatFindings } from '../src/finding.js';
import { parseMarkdown } from '../src/markdown-document.js';
import { checkModuleCall, findModuleCalls, MODULE_SOURCE_RULE } from '../src/module-sources.js';
import type { MarkdownDocument } from '../src/markdown-document.js';
import { checkRelativeLinks, RELATIVE_LINK_RULE } from '../src/relative-links.js';
import { repositoryRoot } from '../src/repository-files.js';
import { isWorkflowDefinition } from '../src/workflow-model.js';
import { parseYaml, readYamlFile } from '../src/yaml-source.js';

/** The commands a shell script runs, without comments, `set` options or the `cd` to the repository root. */
const commandsOf = (script: string): string[] =>
  script
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('set ') && !line.startsWith('cd '));

describe('the documentation', () => {
  let docs: MarkdownDocument[];

  beforeAll(async () => {
    docs = await readRepositoryDocs(repositoryRoot);
  });

  it('includes the root README, the architecture page and the decision records', () => {
    // Act
    const names = docs.map((document) => document.file);

    // Assess
    expect(names).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md']));
    expect(names.filter((name) => /^docs\/adr\/\d{4}-[a-z0-9-]+\.md$/.test(name)).length).toBeGreaterThanOrEqual(6);
  });

  it('has only YAML snippets that parse', () => {
    // Act
    const findings = docs.flatMap((document) => parseYamlSnippets(document).findings);

    // Assess
    expect(formatFindings(findings)).toBe('');
  });

  it('has only complete workflow snippets that pass actionlint', async () => {
    // Prepare
    const actionlint = loadActionlint();
    const workflows = docs
      .flatMap((document) => parseYamlSnippets(document).sources)
      .filter((source) => isWorkflowDefinition(source.value));

    // Act
    const findings = (
      await Promise.all(workflows.map((source) => actionlint(source.text, source.source, source.lineAt([]))))
    ).flat();

    // Assess
    expect(workflows.length).toBeGreaterThan(0);
    expect(formatFindings(findings)).toBe('');
  });

  it('calls the pipeline action only with inputs its action.yml declares, and every required one, in both forms', async () => {
    // Prepare
    const sources = docs.flatMap((document) => parseYamlSnippets(document).sources);

    // Act
    const { usages, findings } = await checkPipelineActionUsages(sources, repositoryRoot);

    // Assess
    expect(usages.filter(({ file }) => file === 'README.md').length).toBeGreaterThan(0);
    expect(new Set(usages.map(({ actionFile }) => actionFile))).toEqual(
      new Set([PIPELINE_ACTION_FILE.Root, PIPELINE_ACTION_FILE.Package]),
    );
    expect(formatFindings(findings)).toBe('');
  });

  it("shows the Terraform example's deploy workflow in the README exactly as the example ships it", async () => {
    // Prepare
    const exampleFile = 'terraform/examples/complete/deploy-workflow.yml';
    const example = await readYamlFile(join(repositoryRoot, exampleFile), exampleFile);
    const readme = docs.find((document) => document.file === 'README.md');

    // Act
    const shown = parseYamlSnippets(readme ?? parseMarkdown('', 'README.md')).sources.filter(
      (source) => findActionUsages(source, isPipelineActionRef).length > 0,
    );

    // Assess
    expect(shown.map((source) => source.value)).toEqual([example.value]);
  });

  it('shows every Terraform module source pinned to a release, naming modules that exist', () => {
    // Act
    const calls = docs.flatMap(findModuleCalls);
    const findings = calls.flatMap((call) => checkModuleCall(call, repositoryRoot));

    // Assess
    expect(calls.filter((call) => call.source?.includes('?ref=')).length).toBeGreaterThanOrEqual(10);
    expect(formatFindings(findings)).toBe('');
  });

  it('shows in the README and in each module README how to call a module at a pinned release', async () => {
    // Prepare
    const modules = (await readdir(join(repositoryRoot, 'terraform/modules'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const readmes = ['README.md', ...modules.map((name) => `terraform/modules/${name}/README.md`)];

    // Act
    const withoutPinnedCall = readmes.filter((file) => {
      const document = docs.find((candidate) => candidate.file === file);
      const calls = document === undefined ? [] : findModuleCalls(document);
      return !calls.some((call) => /\?ref=v\d+\.\d+\.\d+/.test(call.source ?? ''));
    });

    // Assess
    expect(modules.length).toBeGreaterThan(5);
    expect(withoutPinnedCall).toEqual([]);
  });

  it('links from the README to every package and every Terraform module', async () => {
    // Prepare
    const readme = docs.find((document) => document.file === 'README.md');
    const linked = new Set(readme?.links.map((link) => link.href.replace(/\/$/, '')));
    const directories = async (parent: string): Promise<string[]> =>
      (await readdir(join(repositoryRoot, parent), { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`);

    // Act
    const parts = [...(await directories('packages')), ...(await directories('terraform/modules'))];

    // Assess
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.filter((part) => !linked.has(part))).toEqual([]);
  });

  it('records each decision with its context, decision and consequences, indexed in docs/adr', () => {
    // Prepare
    const records = docs.filter((document) => /^docs\/adr\/\d{4}-/.test(document.file));
    const index = docs.find((document) => document.file === 'docs/adr/README.md');

    // Act
    const incomplete = records
      .filter((record) => !['context', 'decision', 'consequences'].every((anchor) => record.anchors.has(anchor)))
      .map((record) => record.file);
    const unindexed = records
      .map((record) => record.file.replace('docs/adr/', ''))
      .filter((name) => !index?.links.some((link) => link.href === name));

    // Assess
    expect(records.length).toBeGreaterThanOrEqual(6);
    expect(incomplete).toEqual([]);
    expect(unindexed).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    // Prepare
    const byName = new Map(docs.map((document) => [document.file, document]));

    // Act
    const findings = docs.flatMap((document) => checkRelativeLinks(document, repositoryRoot, byName));

    // Assess
    expect(formatFindings(findings)).toBe('');
  });

  it("opens the README with the set-up that .ci/run runs, and 'npm run demo'", async () => {
    // Prepare
    const readme = docs.find((document) => document.file === 'README.md');
    const ciRun = await readFile(join(repositoryRoot, '.ci/run'), 'utf8');

    // Act
    const setUp = commandsOf(readme?.codeBlocks[0]?.text ?? '');

    // Assess
    expect(setUp).toEqual(expect.arrayContaining(['npm ci', 'npm run demo', 'npm test']));
    const ciCommands = commandsOf(ciRun);
    expect(ciCommands.length).toBeGreaterThan(0);
    expect(setUp.filter((command) => ciCommands.includes(command))).toEqual(ciCommands);
  });
});

describe('the Markdown reader', () => {
  it('finds fenced blocks at their first content line, links, and GitHub heading anchors', () => {
    // Prepare
    const text = [
      '# Greenlight',
      '',
      '## How CI works (`.ci/run`)',
      '',
      'See [the ADR](docs/adr/0001-x.md#context).',
      '',
      '```yaml',
      'on: push',
      '```',
      '',
      '## How CI works (`.ci/run`)',
      '',
      '| <a name="input_region"></a> [region](#input\\_region) | string |',
    ].join('\n');

    // Act
    const document = parseMarkdown(text, 'README.md');

    // Assess
    expect(document.codeBlocks).toEqual([{ language: 'yaml', text: 'on: push', line: 8 }]);
    expect(document.links).toEqual([
      { href: 'docs/adr/0001-x.md#context', line: 5 },
      { href: '#input_region', line: 13 },
    ]);
    expect([...document.anchors]).toEqual(['greenlight', 'how-ci-works-cirun', 'how-ci-works-cirun-1', 'input_region']);
  });
});

describe('the relative link check', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'repo-checks-links-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/architecture.md'), '# Architecture\n\n## Data flows\n');
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a missing file and a missing heading, resolving links from the linking file', () => {
    // Prepare
    const architecture = parseMarkdown('# Architecture\n\n## Data flows\n\n[back](../README.md)', 'docs/architecture.md');
    const readme = parseMarkdown(
      '[ok](docs/architecture.md#data-flows) [gone](docs/nowhere.md) [anchor](docs/architecture.md#no-such) [web](https://example.com/x) [self](#top)',
      'README.md',
    );
    writeFileSync(join(root, 'README.md'), '# Top\n');
    const byName = new Map([architecture, readme].map((document) => [document.file, document]));

    // Act
    const findings = [readme, architecture].flatMap((document) => checkRelativeLinks(document, root, byName));

    // Assess
    expect(findings.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: RELATIVE_LINK_RULE.MissingTarget, line: 1 },
      { rule: RELATIVE_LINK_RULE.MissingAnchor, line: 1 },
      { rule: RELATIVE_LINK_RULE.MissingAnchor, line: 1 },
    ]);
    expect(findings[0]?.message).toContain('docs/nowhere.md, which does not exist');
    expect(findings[2]?.message).toContain("names '#top'");
  });
});

describe('the action usage check', () => {
  it('tells the root form of the pipeline action from the package path form, and from other actions', () => {
    // Prepare
    const refs = [
      '<owner>/<repo>@v1',
      'your-org/greenlight@v1.2.0',
      './',
      '<owner>/<repo>/packages/pipeline-action@v1',
      './packages/pipeline-action',
      'actions/checkout@v7',
      'your-org/greenlight-tools@v1',
      './packages/other-action',
    ];

    // Act
    const files = refs.map(pipelineActionFileOf);

    // Assess
    expect(files).toEqual([
      PIPELINE_ACTION_FILE.Root,
      PIPELINE_ACTION_FILE.Root,
      PIPELINE_ACTION_FILE.Root,
      PIPELINE_ACTION_FILE.Package,
      PIPELINE_ACTION_FILE.Package,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reports an input the action does not declare and a required input that is missing', () => {
    // Prepare
    const metadata = parseYaml(
      'name: p\ninputs:\n  pipeline-name: { description: d, required: true }\n  wait: { description: d, required: false, default: "true" }\n',
      'action.yml',
    );
    const snippet = parseYaml(
      'steps:\n  - uses: my-org/greenlight/packages/pipeline-action@v1\n    with:\n      wiat: false\n',
      'README.md',
      20,
    );

    // Act
    const [usage] = findActionUsages(snippet, isPipelineActionRef);
    const findings = usage === undefined ? [] : checkActionUsage(usage, readActionInputs(metadata), 'README.md', 'action.yml');

    // Assess
    expect(findings.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: ACTION_USAGE_RULE.UnknownInput, line: 21 },
      { rule: ACTION_USAGE_RULE.MissingRequiredInput, line: 21 },
    ]);
    expect(findings[0]?.message).toContain("'wiat' is not an input");
  });

  it('reports module sources that are not pinned to one release, and modules that do not exist', () => {
    // Prepare
    const document = parseMarkdown(
      [
        '```hcl',
        'module "moving_tag" {',
        '  source = "github.com/o/greenlight//terraform/modules/network?ref=v1"',
        '}',
        'module "no_ref" {',
        '  source = "git::https://example.com/infra.git//network"',
        '}',
        'module "registry_range" {',
        '  source  = "your-org/network/aws"',
        '  version = "~> 1.0"',
        '}',
        'module "missing" {',
        '  source = "github.com/o/greenlight//terraform/modules/nowhere?ref=v1.2.3"',
        '}',
        'module "pinned" {',
        '  source = "github.com/o/greenlight//terraform/modules/network?ref=v1.2.3"',
        '}',
        'module "commit" {',
        '  source = "git::https://example.com/infra.git//network?ref=0123456789abcdef0123456789abcdef01234567"',
        '}',
        'module "registry" {',
        '  source  = "app.terraform.io/your-org/network/aws"',
        '  version = "1.2.3"',
        '}',
        'module "local" {',
        '  source = "../network"',
        '}',
        '```',
      ].join('\n'),
      'README.md',
    );

    // Act
    const findings = findModuleCalls(document).flatMap((call) => checkModuleCall(call, repositoryRoot));

    // Assess
    expect(findings.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: MODULE_SOURCE_RULE.Unpinned, line: 3 },
      { rule: MODULE_SOURCE_RULE.Unpinned, line: 6 },
      { rule: MODULE_SOURCE_RULE.Unpinned, line: 9 },
      { rule: MODULE_SOURCE_RULE.UnknownModule, line: 13 },
    ]);
    expect(findings[2]?.message).toContain('add version = "X.Y.Z" (not "~> 1.0")');
  });

  it('reports a YAML snippet that does not parse at its line in the document', () => {
    // Prepare
    const document = parseMarkdown('# Usage\n\n```yaml\nsteps:\n  - uses: a\n   with: b\n```\n', 'README.md');

    // Act
    const { findings } = parseYamlSnippets(document);

    // Assess
    expect(findings).toEqual([expect.objectContaining({ file: 'README.md', rule: 'yaml-snippet', line: 6 })]);
  });
});
