import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { HOOKABLE_LIFECYCLE_EVENTS, hookFunctionName, parseHookFunctionName } from '@greenlight/contracts';
import { Evaluator } from '../src/evaluate/evaluator.js';
import type { TfValue } from '../src/evaluate/tf-value.js';
import { loadModule } from '../src/module-loader.js';
import { packageDir } from './fixture-check.js';

const modules = join(packageDir, '../../terraform/modules');

const evaluate = (moduleName: string, expression: string, variables: Record<string, TfValue>): Promise<TfValue> => {
  return loadModule(join(modules, moduleName)).then((module) => new Evaluator(module, new Map(Object.entries(variables))).value(`\${${expression}}`));
};

describe('the Terraform modules and @greenlight/contracts', () => {
  it('name each hook function as hookFunctionName does, for every hookable event', async () => {
    // Prepare
    const hooks = Object.fromEntries(HOOKABLE_LIFECYCLE_EVENTS.map((event) => [event, { checks: [] }]));

    // Act
    const names = await evaluate('lifecycle-hooks', 'local.function_names', { name: 'shop_eu-1', hooks });

    // Assess
    expect(names).toEqual(Object.fromEntries(HOOKABLE_LIFECYCLE_EVENTS.map((event) => [event, hookFunctionName('shop_eu-1', event)])));
    expect(HOOKABLE_LIFECYCLE_EVENTS.map((event) => parseHookFunctionName((names as Record<string, string>)[event] ?? ''))).toEqual(
      HOOKABLE_LIFECYCLE_EVENTS.map((event) => ({ name: 'shop_eu-1', event })),
    );
  });

  it('list the AppSpec hooks in the lifecycle order of HOOKABLE_LIFECYCLE_EVENTS', async () => {
    // Act
    const order = await evaluate('pipeline', 'local.hook_event_order', {});

    // Assess
    expect(order).toEqual([...HOOKABLE_LIFECYCLE_EVENTS]);
  });
});
