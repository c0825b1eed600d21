import { describe, expect, it } from '@jest/globals';
import { expressionsIn, parseHclFile, soleInterpolation } from '../src/hcl.js';
import { traversalsOf } from '../src/traversals.js';

describe('references in expressions', () => {
  it('finds references inside for bodies but not the iteration variables', async () => {
    // Prepare
    const expression = '${{ for k, s in var.subnets : k => s.id if contains(local.zones, s.az) }}';

    // Act
    const traversals = await traversalsOf('main.tf', [expression]);

    // Assess
    expect(traversals.map((traversal) => traversal.text).sort()).toEqual(['local.zones', 'var.subnets']);
  });

  it('keeps index steps apart from attribute names', async () => {
    // Prepare
    const expression = '${aws_lb_listener.this[0].default_action[0].target_group_arn}';

    // Act
    const [traversal] = await traversalsOf('main.tf', [expression]);

    // Assess
    expect(traversal?.steps).toEqual([
      { name: 'aws_lb_listener', index: false },
      { name: 'this', index: false },
      { name: '0', index: true },
      { name: 'default_action', index: false },
      { name: '0', index: true },
      { name: 'target_group_arn', index: false },
    ]);
  });

  it('reads templates with literal text, quotes and several interpolations, batched or not', async () => {
    // Prepare
    const expressions = ['${var.a}', '${local.b}', 'prefix-${var.c}-"quoted"-${module.d.e}', '${jsonencode({ a = "x" })}'];

    // Act
    const traversals = await traversalsOf('main.tf', expressions);

    // Assess
    expect(traversals.map((traversal) => traversal.text).sort()).toEqual(['local.b', 'module.d.e', 'var.a', 'var.c']);
  });

  it('drops names bound by the caller, such as dynamic block iterators', async () => {
    // Prepare
    const expressions = ['${ingress.value.port}', '${var.cidrs}'];

    // Act
    const traversals = await traversalsOf('main.tf', expressions, new Set(['ingress']));

    // Assess
    expect(traversals.map((traversal) => traversal.text)).toEqual(['var.cidrs']);
  });
});

describe('hcl2json values', () => {
  it('tells a lone interpolation from a template', () => {
    // Prepare / Act / Assess
    expect(soleInterpolation('${var.a}')).toBe('var.a');
    expect(soleInterpolation('${lookup(var.a, "}")}')).toBe('lookup(var.a, "}")');
    expect(soleInterpolation('${var.a}-${var.b}')).toBeUndefined();
    expect(soleInterpolation('plain')).toBeUndefined();
  });

  it('collects every expression string of a parsed body, nested blocks included', async () => {
    // Prepare
    const parsed = await parseHclFile('main.tf', 'resource "x" "y" {\n  a = var.a\n  b = "literal"\n  c {\n    d = [local.d]\n  }\n}\n');
    if (!('body' in parsed)) throw new Error('fixture does not parse');

    // Act
    const expressions = expressionsIn(parsed.body);

    // Assess
    expect(expressions).toEqual(['${var.a}', '${local.d}']);
  });
});
