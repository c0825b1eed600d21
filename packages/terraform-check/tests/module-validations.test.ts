import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Evaluator } from '../src/evaluate/evaluator.js';
import type { TfValue } from '../src/evaluate/tf-value.js';
import { judgeValue } from '../src/evaluate/variable-values.js';
import { loadModule } from '../src/module-loader.js';
import { PACKAGE_DIR } from './fixture-check.js';

// The modules' variable validations, evaluated offline as `terraform plan` would evaluate them.

const TERRAFORM = join(PACKAGE_DIR, '../../terraform');

async function accepts(module: string, variable: string, value: TfValue): Promise<boolean | undefined> {
  return (await judgeValue(await loadModule(join(TERRAFORM, 'modules', module)), variable, value)).accepted;
}

describe("the load balancer's test listener sources", () => {
  it.each([
    [['0.0.0.0/1', '128.0.0.0/1'], false],
    [['0.0.0.0/0'], false],
    [['8.8.8.8/32'], false],
    [['172.32.0.0/16'], false],
    [['10.0.0.0/7'], false],
    [['fe80::/10'], false],
    [['10.0.0.0/16', '172.16.5.0/24', '192.168.0.0/16', '100.64.1.0/24', 'fd12:3456::/64'], true],
  ])('test_listener_ingress_cidr_blocks %j is accepted: %s (private ranges only)', async (cidrs, expected) => {
    // Prepare / Act
    const accepted = await accepts('load-balancer', 'test_listener_ingress_cidr_blocks', cidrs);

    // Assess
    expect(accepted).toBe(expected);
  });

  it.each([
    [['203.0.113.10/32'], true],
    [['2001:db8:1::/48'], true],
    [['203.0.0.0/8'], false],
    [['0.0.0.0/1', '128.0.0.0/1'], false],
  ])('the opt-in test_listener_public_ingress_cidr_blocks %j is accepted: %s (at most a /16 or /48)', async (cidrs, expected) => {
    // Prepare / Act
    const accepted = await accepts('load-balancer', 'test_listener_public_ingress_cidr_blocks', cidrs);

    // Assess
    expect(accepted).toBe(expected);
  });
});

describe("the stack name, against AWS's naming rules of the resources it prefixes", () => {
  it.each([
    ['web', true],
    ['web-app-2', true],
    ['a'.repeat(24), true],
    ['web-', false],
    ['internal-app', false],
    ['sg-app', false],
    ['sthree-app', false],
    ['amzn-s3-demo-app', false],
    ['web--app', false],
    ['a', false],
    ['1web', false],
    ['Web', false],
    ['a'.repeat(25), false],
  ])('%s is accepted: %s', async (name, expected) => {
    // Prepare / Act
    const accepted = await accepts('bluegreen-stack', 'name', name);

    // Assess
    expect(accepted).toBe(expected);
  });
});

describe('the GitHub OIDC trust', () => {
  async function subjects(variables: Record<string, TfValue>): Promise<TfValue> {
    const module = await loadModule(join(TERRAFORM, 'modules/github-oidc'));
    return new Evaluator(module, new Map(Object.entries({ repository: 'octo-org/web-app', ...variables }))).value('${local.subjects}');
  }

  it('trusts a GitHub environment by its subject, repo:<repository>:environment:<environment>', async () => {
    // Prepare / Act
    const trusted = await subjects({ branches: [], environments: ['production'] });

    // Assess
    expect(trusted).toEqual(['repo:octo-org/web-app:environment:production']);
  });

  it("pins the workflow file in GitHub's customised subject (repo, context, job_workflow_ref)", async () => {
    // Prepare / Act
    const trusted = await subjects({
      branches: [],
      environments: ['production'],
      job_workflow_refs: ['octo-org/web-app/.github/workflows/deploy.yml@refs/heads/main'],
    });

    // Assess
    expect(trusted).toEqual([
      'repo:octo-org/web-app:environment:production:job_workflow_ref:octo-org/web-app/.github/workflows/deploy.yml@refs/heads/main',
    ]);
  });

  it.each([
    ['octo-org/web-app/.github/workflows/deploy.yml@refs/heads/main', true],
    ['octo-org/web-app/.github/workflows/*.yml@refs/heads/main', false],
    ['octo-org/web-app/.github/workflows/deploy.yml', false],
  ])('job_workflow_refs [%s] is accepted: %s', async (workflow, expected) => {
    // Prepare / Act
    const accepted = await accepts('github-oidc', 'job_workflow_refs', [workflow]);

    // Assess
    expect(accepted).toBe(expected);
  });

  it("makes the complete example's deploy role trust its GitHub environment only, not a branch", async () => {
    // Prepare
    const example = await loadModule(join(TERRAFORM, 'examples/complete'));
    const stack = example.moduleCalls.find((call) => call.labels[0] === 'stack');
    const evaluator = new Evaluator(example);

    // Act
    const [branches, environments] = await Promise.all([evaluator.value(stack?.body.deploy_branches), evaluator.value(stack?.body.deploy_environments)]);

    // Assess
    expect(branches).toEqual([]);
    expect(environments).toEqual(['production']);
  });
});
