import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Evaluator } from '../src/evaluate/evaluator.js';
import { unknownValue, type TfValue } from '../src/evaluate/tf-value.js';
import { acceptedValues, judgeValue } from '../src/evaluate/variable-values.js';
import { loadModule, type TfModule } from '../src/module-loader.js';
import { packageDir } from './fixture-check.js';

const modules = join(packageDir, '../../terraform/modules');

const evaluate = (module: TfModule, expression: string, variables: Record<string, TfValue> = {}): Promise<TfValue> => {
  return new Evaluator(module, new Map(Object.entries(variables))).value(`\${${expression}}`);
};

describe('the offline Terraform evaluator', () => {
  it('evaluates locals, for expressions and templates with the given variables', async () => {
    // Prepare
    const module = await loadModule(join(modules, 'lifecycle-hooks'));

    // Act
    const names = await evaluate(module, 'local.function_names', { name: 'web', hooks: { BeforeInstall: { checks: [] }, AfterAllowTestTraffic: { checks: [] } } });

    // Assess
    expect(names).toEqual({
      AfterAllowTestTraffic: 'CodeDeployHook_web_AfterAllowTestTraffic',
      BeforeInstall: 'CodeDeployHook_web_BeforeInstall',
    });
  });

  it.each([
    ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
    ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
    ['cidrhost("10.12.112.0/20", -2)', '10.12.127.254'],
    ['cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)', 'fd00:fd12:3456:7890::22'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
    ['substr("hello world", -5, -1)', 'world'],
    ['[for s in ["a", "b", "c"] : upper(s) if s != "b"]', ['A', 'C']],
    ['{ for k, v in { x = 1, y = 2 } : v => k }', { '1': 'x', '2': 'y' }],
    ['can(regex("^[a-z]+$", "abc")) && !can(regex("^[a-z]+$", "ab1"))', true],
    ['try(tonumber("x"), "fallback")', 'fallback'],
    ['coalesce(null, "", "c")', 'c'],
    ['"a\\"b${"c"}$${d}"', 'a"bc${d}'],
    ['length(flatten([[1, 2], [3]])) + 1', 4],
  ])('%s is %j, as Terraform computes it', async (expression, expected) => {
    // Prepare
    const module = await loadModule(join(packageDir, 'tests/fixtures/good/child'));

    // Act
    const value = await evaluate(module, expression);

    // Assess
    expect(value).toEqual(expected);
  });

  it('leaves what only a plan knows unknown, instead of guessing', async () => {
    // Prepare
    const module = await loadModule(join(modules, 'load-balancer'));

    // Act
    const values = await Promise.all([
      evaluate(module, 'aws_lb.this.arn'),
      evaluate(module, '"${aws_lb.this.dns_name}:8443"'),
      evaluate(module, 'var.vpc_id'),
      evaluate(module, 'templatefile("x.tpl", {})'),
    ]);

    // Assess
    expect(values).toEqual([unknownValue, unknownValue, unknownValue, unknownValue]);
  });

  it('fills optional attributes of a typed variable with their defaults, as the validations see them', async () => {
    // Prepare
    const module = await loadModule(join(modules, 'lifecycle-hooks'));

    // Act
    const timeout = await evaluate(module, 'var.hooks.AfterAllowTestTraffic.timeout_seconds', {
      hooks: { AfterAllowTestTraffic: { checks: [{ path: '/' }] } },
    });

    // Assess
    expect(timeout).toBe(300);
  });

  it("judges a value with the variable's own validations, naming the error message of the one it fails", async () => {
    // Prepare
    const module = await loadModule(join(modules, 'lifecycle-hooks'));

    // Act
    const [good, tooLong, badEvent] = await Promise.all([
      judgeValue(module, 'name', 'web-app'),
      judgeValue(module, 'name', 'a'.repeat(28)),
      judgeValue(module, 'hooks', { AfterTraffic: { checks: [{ path: '/' }] } }),
    ]);

    // Assess
    expect(good).toEqual({ accepted: true });
    expect(tooLong).toEqual({ accepted: false, message: expect.stringContaining('name must be 1-27 letters') });
    expect(badEvent).toEqual({ accepted: false, message: expect.stringContaining('hooks keys must be CodeDeploy ECS lifecycle events') });
  });

  it('lists the values a variable accepts: its default and the literals its validation allows', async () => {
    // Prepare
    const module = await loadModule(join(modules, 'lifecycle-hooks'));

    // Act
    const runtimes = await acceptedValues(module, 'runtime', { strings: ['nodejs20.x'] });

    // Assess
    expect(runtimes).toEqual(['nodejs24.x', 'nodejs22.x']);
  });
});
