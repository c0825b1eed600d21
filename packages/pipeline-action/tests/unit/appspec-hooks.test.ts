import { describe, expect, it } from '@jest/globals';
import { appSpecHooks, functionName } from '../../src/appspec-hooks.js';

describe('AppSpec hooks', () => {
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
    const hooks = appSpecHooks(content);

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
    const hooks = appSpecHooks(content);

    // Assess
    expect([...hooks]).toEqual([['AfterAllowTestTraffic', 'CodeDeployHook_app']]);
  });

  it('finds no hook in content it cannot read', () => {
    // Act
    const hooks = appSpecHooks('{ not json');

    // Assess
    expect(hooks.size).toBe(0);
  });

  it('takes the function name from an ARN with or without a qualifier, and keeps a bare name', () => {
    // Act
    const names = [
      functionName('arn:aws:lambda:eu-west-1:111111111111:function:CodeDeployHook_app:live'),
      functionName('arn:aws:lambda:eu-west-1:111111111111:function:CodeDeployHook_app'),
      functionName('CodeDeployHook_app'),
    ];

    // Assess
    expect(names).toEqual(['CodeDeployHook_app', 'CodeDeployHook_app', 'CodeDeployHook_app']);
  });
});
