import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Evaluator } from '../src/evaluate/evaluator.js';
import type { TfValue } from '../src/evaluate/tf-value.js';
import { judgeValue } from '../src/evaluate/variable-values.js';
import { blocksOf } from '../src/hcl.js';
import { loadModule } from '../src/module-loader.js';
import { packageDir } from './fixture-check.js';

// The modules' variable validations, evaluated offline as `terraform plan` would evaluate them.

const terraform = join(packageDir, '../../terraform');

const accepts = async (module: string, variable: string, value: TfValue): Promise<boolean | undefined> => {
  return (await judgeValue(await loadModule(join(terraform, 'modules', module)), variable, value)).accepted;
};

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
  const subjects = async (variables: Record<string, TfValue>): Promise<TfValue> => {
    const module = await loadModule(join(terraform, 'modules/github-oidc'));
    return new Evaluator(module, new Map(Object.entries({ repository: 'octo-org/web-app', ...variables }))).value('${local.subjects}');
  };

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
    const example = await loadModule(join(terraform, 'examples/complete'));
    const stack = example.moduleCalls.find((call) => call.labels[0] === 'stack');
    const evaluator = new Evaluator(example);

    // Act
    const [branches, environments] = await Promise.all([evaluator.value(stack?.body.deploy_branches), evaluator.value(stack?.body.deploy_environments)]);

    // Assess
    expect(branches).toEqual([]);
    expect(environments).toEqual(['production']);
  });
});

describe("the stack's native deployment length", () => {
  const pipelineGuard = async (variables: Record<string, TfValue>): Promise<TfValue> => {
    const stack = await loadModule(join(terraform, 'modules/bluegreen-stack'));
    const output = stack.outputs.find((block) => block.labels[0] === 'pipeline_name');
    const [precondition] = blocksOf(output?.body.precondition);
    return new Evaluator(stack, new Map(Object.entries(variables))).value(precondition?.condition);
  };

  it.each([
    [{ deployment_controller: 'ECS' }, true],
    [{ deployment_controller: 'ECS', deployment_strategy: 'CANARY', bake_time_in_minutes: 30, canary_configuration: { canary_bake_time_in_minutes: 15 } }, true],
    [{ deployment_controller: 'ECS', deployment_strategy: 'LINEAR', linear_configuration: { step_percent: 10, step_bake_time_in_minutes: 5 } }, false],
    [{ deployment_controller: 'ECS', bake_time_in_minutes: 50 }, false],
    [{ deployment_controller: 'CODE_DEPLOY', bake_time_in_minutes: 50 }, true],
  ])('with %j the plan is accepted: %s (bake time and traffic steps within 45 of the ECS deploy action 60 minutes)', async (variables, expected) => {
    // Prepare / Act
    const accepted = await pipelineGuard(variables);

    // Assess
    expect(accepted).toBe(expected);
  });
});

describe('the hooks under the ECS controller', () => {
  it('names native hooks for their stage, and the stack runs a CodeDeploy-keyed hook at the matching native stage', async () => {
    // Prepare
    const hooks = await loadModule(join(terraform, 'modules/lifecycle-hooks'));
    const stack = await loadModule(join(terraform, 'modules/bluegreen-stack'));
    const checks = [{ path: '/health' }];

    // Act
    const names = await new Evaluator(hooks, new Map<string, TfValue>([['name', 'web'], ['deployment_controller', 'ECS'], ['hooks', { POST_TEST_TRAFFIC_SHIFT: { checks } }]])).value('${local.function_names}');
    const stages = await new Evaluator(stack, new Map<string, TfValue>([['deployment_controller', 'ECS'], ['hooks', { AfterAllowTestTraffic: { checks }, PRE_PRODUCTION_TRAFFIC_SHIFT: { checks } }]])).value('${keys(local.hooks)}');
    const events = await new Evaluator(stack, new Map<string, TfValue>([['hooks', { AfterAllowTestTraffic: { checks } }]])).value('${keys(local.hooks)}');

    // Assess
    expect(names).toEqual({ POST_TEST_TRAFFIC_SHIFT: 'web-hook-post-test-traffic-shift' });
    expect(stages).toEqual(['POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT']);
    expect(events).toEqual(['AfterAllowTestTraffic']);
  });
});

describe("the lifecycle-hooks module's check stages", () => {
  it.each([
    ['a check limited to a checking stage', true, { POST_TEST_TRAFFIC_SHIFT: { checks: [{ path: '/', stages: ['POST_TEST_TRAFFIC_SHIFT'] }] } }],
    ['checks at every checking stage by default', true, { PRE_PRODUCTION_TRAFFIC_SHIFT: { checks: [{ path: '/' }] } }],
    ['a stage that moves traffic', false, { POST_TEST_TRAFFIC_SHIFT: { checks: [{ path: '/', stages: ['TEST_TRAFFIC_SHIFT'] }] } }],
    ['an empty list of stages', false, { POST_TEST_TRAFFIC_SHIFT: { checks: [{ path: '/', stages: [] }] } }],
    ['a hook whose checks all leave out its own stage', false, { PRE_PRODUCTION_TRAFFIC_SHIFT: { checks: [{ path: '/', stages: ['POST_TEST_TRAFFIC_SHIFT'] }] } }],
  ])('hooks with %s: accepted %s', async (_case, expected, hooks) => {
    // Prepare / Act
    const accepted = await accepts('lifecycle-hooks', 'hooks', hooks);

    // Assess
    expect(accepted).toBe(expected);
  });
});
