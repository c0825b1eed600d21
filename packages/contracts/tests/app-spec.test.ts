import { describe, expect, it } from '@jest/globals';
import { lambdaFunctionName, readAppSpecHooks, renderAppSpec } from '../src/index.js';

describe('the ECS AppSpec', () => {
  it('reads back the hooks it renders, in their order, with and without the network section', () => {
    // Prepare
    const hooks = [
      { event: 'BeforeInstall', functionName: 'CodeDeployHook_web_BeforeInstall' },
      { event: 'AfterAllowTestTraffic', functionName: 'arn:aws:lambda:us-east-1:111111111111:function:CodeDeployHook_web_AfterAllowTestTraffic' },
    ];
    const base = { taskDefinitionArn: 'arn:aws:ecs:us-east-1:111111111111:task-definition/web:7', containerName: 'web', containerPort: 3000, hooks };
    const network = { subnets: ['subnet-a'], securityGroups: ['sg-tasks'], assignPublicIp: false };

    // Act
    const read = [renderAppSpec(base), renderAppSpec({ ...base, networkConfiguration: network })].map((content) => [...readAppSpecHooks(content)]);

    // Assess
    const expected = hooks.map((hook) => [hook.event, hook.functionName]);
    expect(read).toEqual([expected, expected]);
  });

  it('renders no Hooks section without hooks, so nothing is read from it', () => {
    // Act
    const content = renderAppSpec({ taskDefinitionArn: 'arn:aws:ecs:us-east-1:111111111111:task-definition/web:7', containerName: 'web', containerPort: 3000, hooks: [] });

    // Assess
    expect(content).not.toContain('Hooks:');
    expect(readAppSpecHooks(content).size).toBe(0);
  });

  it('reads the Hooks list of a YAML AppSpec, quoted or not, and nothing from other sections', () => {
    // Prepare
    const content = [
      'version: 0.0',
      'Resources:',
      '  - TargetService:',
      '      Type: AWS::ECS::Service',
      '      Properties:',
      '        TaskDefinition: "arn:aws:ecs:us-east-1:111111111111:task-definition/app:3"',
      'Hooks:',
      '  - AfterAllowTestTraffic: "CodeDeployHook_app_validate"  # the greenlight hook',
      "  - BeforeAllowTraffic: 'arn:aws:lambda:us-east-1:111111111111:function:CodeDeployHook_gate:live'",
      '  - AfterInstall: CodeDeployHook_plain',
    ].join('\n');

    // Act
    const hooks = readAppSpecHooks(content);

    // Assess
    expect([...hooks]).toEqual([
      ['AfterAllowTestTraffic', 'CodeDeployHook_app_validate'],
      ['BeforeAllowTraffic', 'arn:aws:lambda:us-east-1:111111111111:function:CodeDeployHook_gate:live'],
      ['AfterInstall', 'CodeDeployHook_plain'],
    ]);
  });

  it('reads the Hooks list of a JSON AppSpec', () => {
    // Prepare
    const content = JSON.stringify({ version: 0, Resources: [], Hooks: [{ AfterAllowTestTraffic: 'CodeDeployHook_app' }, { BeforeInstall: 42 }] });

    // Act
    const hooks = readAppSpecHooks(content);

    // Assess
    expect([...hooks]).toEqual([['AfterAllowTestTraffic', 'CodeDeployHook_app']]);
  });

  it('finds no hook in content it cannot read', () => {
    // Act
    const hooks = readAppSpecHooks('{ not json');

    // Assess
    expect(hooks.size).toBe(0);
  });

  it('takes the function name from an ARN with or without a qualifier, and keeps a bare name', () => {
    // Act
    const names = [
      lambdaFunctionName('arn:aws:lambda:eu-west-1:111111111111:function:CodeDeployHook_app:live'),
      lambdaFunctionName('arn:aws:lambda:eu-west-1:111111111111:function:CodeDeployHook_app'),
      lambdaFunctionName('CodeDeployHook_app'),
    ];

    // Assess
    expect(names).toEqual(['CodeDeployHook_app', 'CodeDeployHook_app', 'CodeDeployHook_app']);
  });
});
