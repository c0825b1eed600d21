import { describe, expect, it } from '@jest/globals';
import { HOOKABLE_LIFECYCLE_EVENTS, hookFunctionName, parseHookFunctionName } from '../src/index.js';

describe('hook function names', () => {
  it('names the function of each lifecycle event CodeDeployHook_<name>_<event>', () => {
    // Act
    const names = HOOKABLE_LIFECYCLE_EVENTS.map((event) => hookFunctionName('web', event));

    // Assess
    expect(names).toEqual([
      'CodeDeployHook_web_BeforeInstall',
      'CodeDeployHook_web_AfterInstall',
      'CodeDeployHook_web_AfterAllowTestTraffic',
      'CodeDeployHook_web_BeforeAllowTraffic',
      'CodeDeployHook_web_AfterAllowTraffic',
    ]);
  });

  it('reads the stack and event back from a name, a stack name with underscores included', () => {
    // Act
    const parsed = [hookFunctionName('web', 'AfterAllowTestTraffic'), hookFunctionName('shop_eu-1', 'BeforeInstall')].map(parseHookFunctionName);

    // Assess
    expect(parsed).toEqual([
      { name: 'web', event: 'AfterAllowTestTraffic' },
      { name: 'shop_eu-1', event: 'BeforeInstall' },
    ]);
  });

  it.each([
    ['another prefix', 'MyHook_web_AfterAllowTestTraffic'],
    ['no stack name', 'CodeDeployHook__AfterAllowTestTraffic'],
    ['no event', 'CodeDeployHook_web'],
    ['an event that runs no hook', 'CodeDeployHook_web_AllowTraffic'],
    ['an ARN rather than a name', 'arn:aws:lambda:us-east-1:111111111111:function:CodeDeployHook_web_AfterInstall'],
    ['more than 64 characters', `CodeDeployHook_${'a'.repeat(40)}_AfterAllowTestTraffic`],
  ])('reads no greenlight hook function from a name with %s', (_case, name) => {
    // Act
    const parsed = parseHookFunctionName(name);

    // Assess
    expect(parsed).toBeUndefined();
  });
});
