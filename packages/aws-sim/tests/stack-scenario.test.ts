import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { hookFunctionName } from '@greenlight/contracts';
import { greenlightPipelineScenario } from '../src/index.js';
import { APP_STACK } from './support/scenarios.js';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pipelineModule = path.join(packageDir, '..', '..', 'terraform', 'modules', 'pipeline', 'main.tf');
const cliExample = path.join(packageDir, 'examples', 'blue-green.json');
const appSpecTemplate = path.join(packageDir, '..', '..', 'terraform', 'modules', 'pipeline', 'appspec.yaml.tpl');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The module's templatefile() as a pattern: each `${...}` (and `<TASK_DEFINITION>`, which CodePipeline fills in)
 * stands for a value on its line, an `%{ if }` section may be absent and a `%{ for }` section repeats; the `~}` of
 * each directive line strips its newline.
 */
const templatePattern = (template: string): RegExp => {
  const directives: Record<string, string> = { if: '(?:', endif: ')?', for: '(?:', endfor: ')*' };
  const lines = template.split('\n').slice(0, -1);
  const source = lines.map((line) => {
    const directive = /^%\{\s*(if|endif|for|endfor)\b.*~\}$/.exec(line)?.[1];
    if (directive !== undefined) return directives[directive] ?? '';
    return `${line.split(/\$\{[^}]*\}|<TASK_DEFINITION>/).map(escapeRegExp).join('[^\n]+')}\n`;
  });
  return new RegExp(`^${source.join('')}$`);
};

describe('greenlightPipelineScenario', () => {
  it('builds the stages, actions, artifacts and configuration keys terraform/modules/pipeline creates', async () => {
    // Prepare
    const moduleText = await readFile(pipelineModule, 'utf8');

    // Act
    const scenario = greenlightPipelineScenario({ name: 'web', repository: 'octo-org/web' });

    // Assess
    const actions = scenario.stages.flatMap((stage) => stage.actions.map((action) => ({ stage: stage.name, ...action })));
    expect(actions.map((action) => [action.stage, action.name, action.provider])).toEqual([
      ['Source', 'Source', 'CodeStarSourceConnection'],
      ['Build', 'Build', 'CodeBuild'],
      ['Deploy', 'Deploy', 'CodeDeployToECS'],
    ]);
    expect(actions.map((action) => [action.inputArtifacts ?? [], action.outputArtifacts ?? []])).toEqual([
      [[], ['SourceArtifact']],
      [['SourceArtifact'], ['BuildArtifact']],
      [['BuildArtifact'], []],
    ]);
    expect(actions[0]?.configuration).toMatchObject({ FullRepositoryId: 'octo-org/web', BranchName: 'main', DetectChanges: 'false' });
    expect(actions[1]?.configuration?.['ProjectName']).toBe('web-build');
    expect(actions[2]?.configuration).toMatchObject({ ApplicationName: 'web', DeploymentGroupName: 'web', Image1ContainerName: 'IMAGE1_NAME' });
    for (const key of actions.flatMap((action) => Object.keys(action.configuration ?? {}))) {
      expect(moduleText).toMatch(new RegExp(`\\b${key}\\s+=`));
    }
  });

  it('queues executions and declares TRIGGERED_BY by default, as the module does', () => {
    // Act
    const scenario = greenlightPipelineScenario({ name: 'web', repository: 'octo-org/web' });

    // Assess
    expect(scenario.executionMode).toBe('QUEUED');
    expect(scenario.pipelineType).toBe('V2');
    expect(scenario.variables?.map((variable) => variable.name)).toEqual(['TRIGGERED_BY']);
    expect(JSON.parse(scenario.stages[1]?.actions[0]?.configuration?.['EnvironmentVariables'] ?? '[]')).toEqual([
      { name: 'PIPELINE_EXECUTION_ID', type: 'PLAINTEXT', value: '#{codepipeline.PipelineExecutionId}' },
      { name: 'TRIGGERED_BY', type: 'PLAINTEXT', value: '#{variables.TRIGGERED_BY}' },
    ]);
  });

  it('renders the AppSpec with the hook functions in lifecycle order, whatever order they are given in', () => {
    // Act
    const scenario = greenlightPipelineScenario({
      name: 'web',
      repository: 'octo-org/web',
      deployment: { hooks: ['BeforeInstall', 'AfterAllowTestTraffic'] },
      appSpec: {
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7',
        containerName: 'web',
        containerPort: 3000,
        hookFunctionNames: {
          AfterAllowTestTraffic: hookFunctionName('web', 'AfterAllowTestTraffic'),
          BeforeInstall: hookFunctionName('web', 'BeforeInstall'),
        },
      },
    });

    // Assess
    const deployment = scenario.stages[2]?.actions[0]?.deployment;
    expect(deployment?.hooks).toEqual(['BeforeInstall', 'AfterAllowTestTraffic']);
    expect(deployment?.appSpecContent).toContain('TaskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"');
    expect(deployment?.appSpecContent).toContain('ContainerName: "web"\n          ContainerPort: 3000\n');
    expect(deployment?.appSpecContent).toMatch(
      /\nHooks:\n {2}- BeforeInstall: "CodeDeployHook_web_BeforeInstall"\n {2}- AfterAllowTestTraffic: "CodeDeployHook_web_AfterAllowTestTraffic"\n$/,
    );
  });

  it("renders the AppSpec in the layout of the pipeline module's appspec.yaml.tpl, with and without the optional sections", async () => {
    // Prepare
    const pattern = templatePattern(await readFile(appSpecTemplate, 'utf8'));
    const base = { taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:7', containerName: 'web', containerPort: 3000 };
    const full = {
      ...base,
      networkConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-tasks'], assignPublicIp: false },
      hookFunctionNames: { AfterAllowTestTraffic: hookFunctionName('web', 'AfterAllowTestTraffic') },
    };

    // Act
    const rendered = [base, full].map(
      (appSpec) => greenlightPipelineScenario({ name: 'web', repository: 'octo-org/web', appSpec }).stages[2]?.actions[0]?.deployment?.appSpecContent ?? '',
    );

    // Assess
    expect(rendered[0]).toMatch(pattern);
    expect(rendered[1]).toMatch(pattern);
    expect(rendered[1]).toContain(
      [
        '          ContainerPort: 3000',
        '        NetworkConfiguration:',
        '          AwsvpcConfiguration:',
        '            Subnets: ["subnet-a","subnet-b"]',
        '            SecurityGroups: ["sg-tasks"]',
        '            AssignPublicIp: "DISABLED"',
        'Hooks:',
      ].join('\n'),
    );
    expect(rendered[0]).not.toContain('NetworkConfiguration');
  });

  it('applies per-action and scenario overrides over the built stack', () => {
    // Act
    const scenario = greenlightPipelineScenario({
      name: 'web',
      repository: 'octo-org/web',
      durations: { Build: 90 },
      actions: { Build: { outcome: 'Failed' } },
      overrides: { ending: { status: 'Stopped', beforeStage: 'Deploy' }, listPageSize: 1 },
    });

    // Assess
    const build = scenario.stages[1]?.actions[0];
    expect(build).toMatchObject({ name: 'Build', durationSeconds: 90, outcome: 'Failed', configuration: { ProjectName: 'web-build' } });
    expect(scenario.stages[0]?.actions[0]?.durationSeconds).toBeUndefined();
    expect(scenario).toMatchObject({ name: 'web', ending: { status: 'Stopped', beforeStage: 'Deploy' }, listPageSize: 1 });
  });

  it('is the pipeline of the CLI example, so the example shows the Terraform stack', async () => {
    // Prepare
    const example = JSON.parse(await readFile(cliExample, 'utf8')) as { pipelines: unknown[] };

    // Act
    const scenario = greenlightPipelineScenario({
      ...APP_STACK,
      name: 'app',
      durations: { Source: 5, Build: 60, Deploy: 120 },
      buildLogLines: ['npm ci', 'npm test', 'docker build -t app .', 'docker push app'],
      deployment: { hooks: ['AfterAllowTestTraffic'] },
      overrides: { history: [{ status: 'Succeeded', endedSecondsAgo: 86400 }] },
    });

    // Assess
    expect(example.pipelines).toEqual([scenario]);
  });
});
