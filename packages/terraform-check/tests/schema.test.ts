import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { blocksOf, isObject } from '../src/hcl.js';
import { findModuleDirs, loadModule } from '../src/module-loader.js';
import { loadSchema } from '../src/schema.js';
import { lowestAllowed, satisfies } from '../src/version-constraint.js';
import { packageDir } from './fixture-check.js';

const terraformDir = join(packageDir, '../../terraform');

describe('provider schema', () => {
  it('records where it came from', () => {
    // Prepare / Act
    const { provenance } = loadSchema();

    // Assess
    expect(provenance).toEqual(
      expect.objectContaining({ package: '@cdktn/provider-aws', package_version: '25.7.0', provider_version: '6.66.0' }),
    );
    expect(provenance.tarball_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('knows nesting, requiredness and max-1 blocks of the resources greenlight uses', () => {
    // Prepare / Act
    const schema = loadSchema();
    const listener = schema.resources.aws_lb_listener;
    const service = schema.resources.aws_ecs_service;

    // Assess
    expect(listener?.attributes.load_balancer_arn).toEqual({ type: 'string', required: true });
    expect(listener?.blocks.default_action).toEqual(expect.objectContaining({ nesting: 'list', min_items: 1 }));
    expect(listener?.blocks.default_action?.blocks.forward).toEqual(expect.objectContaining({ nesting: 'single', max_items: 1 }));
    expect(service?.blocks.deployment_controller?.max_items).toBe(1);
    expect(schema.data_sources.aws_iam_policy_document?.attributes.json?.computed).toBe(true);
    expect(Object.keys(schema.resources).length).toBeGreaterThan(1500);
  });

  it("satisfies every module's required_providers aws constraint", async () => {
    // Prepare
    const version = loadSchema().provenance.provider_version;
    const constraints: string[] = [];
    for (const dir of await findModuleDirs([terraformDir])) {
      const module = await loadModule(dir);
      for (const terraform of module.terraformBlocks) {
        for (const providers of blocksOf(terraform.body.required_providers)) {
          if (isObject(providers.aws) && typeof providers.aws.version === 'string') constraints.push(providers.aws.version);
        }
      }
    }

    // Act
    const unsatisfied = constraints.filter((constraint) => !satisfies(version, constraint));

    // Assess
    expect(constraints.length).toBeGreaterThan(0);
    expect(unsatisfied).toEqual([]);
  });
});

describe('version constraints', () => {
  it.each([
    ['6.66.0', '>= 6.0', true],
    ['6.66.0', '~> 6.0', true],
    ['6.66.0', '~> 6.70', false],
    ['6.66.0', '~> 6.66.1', false],
    ['6.66.0', '>= 6.0, < 7.0', true],
    ['6.66.0', '< 6.0', false],
    ['6.66.0', '!= 6.66.0', false],
    ['6.66.0', '6.66.0', true],
  ])('%s against "%s" is %s', (version, constraint, expected) => {
    // Prepare / Act
    const result = satisfies(version, constraint);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['>= 6.19', '6.19.0'],
    ['~> 6.2, != 6.3.0', '6.2.0'],
    ['> 6.18', '6.18.1'],
    ['>= 6.0, < 7.0', '6.0.0'],
    ['< 7.0', '0.0.0'],
  ])('"%s" lets Terraform choose AWS provider %s at the lowest', (constraint, expected) => {
    // Prepare / Act
    const lowest = lowestAllowed(constraint);

    // Assess
    expect(lowest).toBe(expected);
  });
});
