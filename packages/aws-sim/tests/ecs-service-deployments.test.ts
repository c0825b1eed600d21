import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, ListServiceDeploymentsCommand, StopServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { DescribeRulesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  addNativeBlueGreenStack,
  greenlightNativePipelineScenario,
  startSimulator,
  type EcsHookPayload,
  type NativeStack,
  type NativeStackOptions,
  type Simulator,
} from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';
import { waitFor } from './support/wait-for.js';

const HOOK_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:app-greenlight-hook';

describe('Amazon ECS native blue/green service deployments', () => {
  let sim: Simulator;
  let aws: Clients;
  let invocations: EcsHookPayload[];

  const start = (options: Partial<NativeStackOptions> = {}): NativeStack => {
    const stack = addNativeBlueGreenStack(sim, { name: 'app', stageSeconds: 1, ...options });
    sim.addPipeline(greenlightNativePipelineScenario({ name: 'app', repository: 'octo/app', durations: { Source: 1, Build: 1 } }));
    return stack;
  };

  const run = async (): Promise<string> => {
    const id = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    return (await sim.waitForExecution('app', id.pipelineExecutionId ?? '')).status;
  };

  beforeEach(async () => {
    sim = await startSimulator({ seed: 4, timeScale: 0.01 });
    aws = clientsFor(sim);
    invocations = [];
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  it('FIDELITY ECS-1, ECS-2, CP-21: the ECS deploy action starts a service deployment that passes every stage in order and moves both listener rules', async () => {
    // Prepare
    const stack = start({ bakeTimeInMinutes: 1, stageSeconds: 5 });
    const stages: string[] = [];
    const timer = setInterval(() => {
      const stage = sim.ecs.serviceDeployments('app', 'app')[0]?.lifecycleStage;
      if (stage !== undefined && stages.at(-1) !== stage) stages.push(stage);
    }, 2);

    // Act
    const status = await run();
    clearInterval(timer);

    // Assess
    expect(status).toBe('Succeeded');
    const [deployment] = sim.ecs.serviceDeployments('app', 'app');
    expect(deployment?.status).toBe('SUCCESSFUL');
    expect(stages).toEqual([
      'RECONCILE_SERVICE', 'PRE_SCALE_UP', 'SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP',
    ]);
    const { Rules } = await aws.elbv2.send(new DescribeRulesCommand({ RuleArns: [stack.productionListenerRuleArn, stack.testListenerRuleArn] }));
    const weights = Rules?.map((rule) => rule.Actions?.[0]?.ForwardConfig?.TargetGroups?.map((group) => group.Weight));
    expect(weights).toEqual([[0, 100], [0, 100]]);
  });

  it('FIDELITY ECS-3: invokes the hook with ECS\'s payload, calls again after callBackDelay while IN_PROGRESS, and carries hookDetails', async () => {
    // Prepare
    start({ lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'], hookDetails: { targetUrl: 'http://green' } }] });
    sim.ecs.setHookInvoker(({ payload }) => {
      invocations.push(payload);
      return Promise.resolve(invocations.length === 1 ? { hookStatus: 'IN_PROGRESS', callBackDelay: 2, hookDetails: { tries: 1 } } : { hookStatus: 'SUCCEEDED' });
    });

    // Act
    const status = await run();

    // Assess
    expect(status).toBe('Succeeded');
    const [deployment] = sim.ecs.serviceDeployments('app', 'app');
    expect(invocations).toHaveLength(2);
    expect(invocations[0]).toEqual({
      executionId: expect.any(String),
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
      resourceArn: deployment?.serviceDeploymentArn,
      executionDetails: {
        serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/app/app',
        targetServiceRevisionArn: deployment?.targetRevisionArn,
        testTrafficWeights: { [deployment?.sourceRevisionArn ?? '']: 0, [deployment?.targetRevisionArn ?? '']: 100 },
        productionTrafficWeights: { [deployment?.sourceRevisionArn ?? '']: 100, [deployment?.targetRevisionArn ?? '']: 0 },
      },
      hookDetails: { targetUrl: 'http://green' },
    });
    expect(invocations[1]?.hookDetails).toEqual({ tries: 1 });
  });

  it('FIDELITY ECS-4: a FAILED hook rolls back (traffic to the source revision, traffic-shift hooks called again) and fails the action', async () => {
    // Prepare
    const stack = start({ lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT'] }] });
    sim.ecs.setHookInvoker(({ payload }) => {
      invocations.push(payload);
      return Promise.resolve({ hookStatus: payload.lifecycleStage === 'POST_TEST_TRAFFIC_SHIFT' ? 'FAILED' : 'SUCCEEDED' });
    });

    // Act
    const status = await run();

    // Assess
    expect(status).toBe('Failed');
    const [deployment] = sim.ecs.serviceDeployments('app', 'app');
    expect(deployment?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(deployment?.statusReason).toContain('POST_TEST_TRAFFIC_SHIFT');
    expect(deployment?.rollback?.serviceRevisionArn).toBe(deployment?.sourceRevisionArn);
    expect(invocations.map((payload) => payload.lifecycleStage)).toEqual(['TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT', 'TEST_TRAFFIC_SHIFT']);
    expect(invocations[2]?.executionDetails.testTrafficWeights[deployment?.targetRevisionArn ?? '']).toBe(0);
    expect(sim.ecs.serviceDeployments('app', 'app').length).toBe(1);
    expect(sim.elbv2.ruleWeights(stack.testListenerRuleArn).map((group) => group.weight)).toEqual([100, 0]);
    expect(sim.executions('app')[0]?.actions.find((action) => action.actionName === 'Deploy')?.errorDetails?.message).toContain('ROLLBACK_SUCCESSFUL');
  });

  it('tells onRuleChange listeners every weight ECS sets, test then production forward and both back on a rollback', async () => {
    // Prepare
    const stack = start({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
      lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    sim.ecs.setHookInvoker(() => Promise.resolve({ hookStatus: 'FAILED' }));
    const changes: string[] = [];
    const unsubscribe = sim.elbv2.onRuleChange((ruleArn, targetGroups) => {
      const rule = ruleArn === stack.testListenerRuleArn ? 'test' : ruleArn === stack.productionListenerRuleArn ? 'production' : ruleArn;
      changes.push(`${rule} ${targetGroups.map((group) => group.weight).join('/')}`);
    });

    // Act
    await run();
    unsubscribe();

    // Assess
    expect(changes).toEqual(['test 0/100', 'production 80/20', 'production 0/100', 'production 100/0', 'test 100/0']);
  });

  it('waits for the stage observer at each stage it enters, so real tasks start before test traffic moves', async () => {
    // Prepare
    const stack = start({ lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }] });
    sim.ecs.setHookInvoker(() => Promise.resolve({ hookStatus: 'FAILED' }));
    const seen: string[] = [];
    sim.ecs.setStageObserver(async ({ stage, rollingBack }) => {
      // A slow task start: TEST_TRAFFIC_SHIFT must not move the test rule before it is done.
      if (stage === 'SCALE_UP') await new Promise((resolve) => setTimeout(resolve, 300));
      seen.push(`${rollingBack ? 'rollback ' : ''}${stage} test ${sim.elbv2.ruleWeights(stack.testListenerRuleArn).map((group) => group.weight).join('/')}`);
    });

    // Act
    await run();
    sim.ecs.setStageObserver(undefined);

    // Assess
    expect(seen).toEqual([
      'RECONCILE_SERVICE test 100/0',
      'PRE_SCALE_UP test 100/0',
      'SCALE_UP test 100/0',
      'POST_SCALE_UP test 100/0',
      'TEST_TRAFFIC_SHIFT test 100/0',
      'POST_TEST_TRAFFIC_SHIFT test 0/100',
      'rollback TEST_TRAFFIC_SHIFT test 100/0',
    ]);
  });

  it('FIDELITY ECS-4: a hook function that cannot be invoked rolls the deployment back', async () => {
    // Prepare
    start({ lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['PRE_SCALE_UP'] }] });

    // Act
    const status = await run();

    // Assess
    expect(status).toBe('Failed');
    expect(sim.ecs.serviceDeployments('app', 'app')[0]?.statusReason).toContain('Function not found');
  });

  it('FIDELITY ECS-5: StopServiceDeployment ROLLBACK rolls back a deployment in progress; a finished one answers ConflictException', async () => {
    // Prepare
    start({ bakeTimeInMinutes: 10 });
    const outcome = run();
    const deployment = await waitFor(() => (sim.ecs.serviceDeployments('app', 'app')[0]?.lifecycleStage === 'BAKE_TIME' ? sim.ecs.serviceDeployments('app', 'app')[0] : undefined));

    // Act
    await aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: deployment.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    const status = await outcome;
    const again = aws.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: deployment.serviceDeploymentArn, stopType: 'ROLLBACK' }));

    // Assess
    expect(status).toBe('Failed');
    expect(sim.ecs.serviceDeployments('app', 'app')[0]?.status).toBe('ROLLBACK_SUCCESSFUL');
    await expect(again).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('FIDELITY ECS-6: ListServiceDeployments filters by createdAt, pages newest first, and DescribeServiceDeployments shows stage, revisions and hooks', async () => {
    // Prepare
    start();
    await run();
    const between = new Date();
    await run();
    await run();

    // Act
    const first = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'app', maxResults: 1 }));
    const second = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'app', maxResults: 1, nextToken: first.nextToken }));
    const recent = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'app', createdAt: { after: between } }));
    const described = await aws.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [first.serviceDeployments?.[0]?.serviceDeploymentArn ?? '', 'arn:aws:ecs:us-east-1:123456789012:service-deployment/app/app/missing'] }),
    );

    // Assess
    const all = sim.ecs.serviceDeployments('app', 'app');
    expect(first.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(all[2]?.serviceDeploymentArn);
    expect(second.serviceDeployments?.[0]?.serviceDeploymentArn).toBe(all[1]?.serviceDeploymentArn);
    expect(recent.serviceDeployments).toHaveLength(2);
    expect(described.serviceDeployments?.[0]).toMatchObject({
      status: 'SUCCESSFUL',
      lifecycleStage: 'CLEAN_UP',
      targetServiceRevision: { arn: all[2]?.targetRevisionArn, requestedTaskCount: 2, runningTaskCount: 2 },
      sourceServiceRevisions: [{ arn: all[2]?.sourceRevisionArn, runningTaskCount: 0 }],
    });
    expect(described.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/app/app/missing', reason: 'MISSING' }]);
  });

  it('FIDELITY ECS-6: ListServiceDeployments for an unknown service answers ServiceNotFoundException', async () => {
    // Prepare
    start();

    // Act
    const listing = aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'other' }));

    // Assess
    await expect(listing).rejects.toMatchObject({ name: 'ServiceNotFoundException' });
  });

  it('FIDELITY ECS-7: DescribeServices shows the ECS controller, the blue/green strategy and the listener rules', async () => {
    // Prepare
    const stack = start({ bakeTimeInMinutes: 3 });

    // Act
    const { services, failures } = await aws.ecs.send(new DescribeServicesCommand({ cluster: 'app', services: ['app', 'missing'] }));

    // Assess
    expect(services?.[0]).toMatchObject({
      serviceArn: stack.serviceArn,
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 3 },
      loadBalancers: [{ targetGroupArn: stack.targetGroupArns[0], advancedConfiguration: { alternateTargetGroupArn: stack.targetGroupArns[1], productionListenerRule: stack.productionListenerRuleArn, testListenerRule: stack.testListenerRuleArn } }],
    });
    expect(failures).toEqual([{ arn: 'missing', reason: 'MISSING' }]);
  });

  it('FIDELITY ECS-6, ECS-8: a page cap returns fewer results than maxResults, and a deployment started outside the pipeline lists beside the pipeline\'s', async () => {
    // Prepare
    start({ listPageSize: 1 });
    const first = sim.ecs.startDeployment('app', 'app');
    const second = sim.ecs.startDeployment('app', 'app');

    // Act
    const page = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'app', maxResults: 10 }));
    const next = await aws.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'app', service: 'app', maxResults: 10, nextToken: page.nextToken }));

    // Assess
    expect(page.serviceDeployments?.map((brief) => brief.serviceDeploymentArn)).toEqual([second]);
    expect(next.serviceDeployments?.map((brief) => brief.serviceDeploymentArn)).toEqual([first]);
    expect(next.nextToken).toBeUndefined();
  });

  it('FIDELITY ECS-9: LINEAR moves production step by step, calling the PRE_PRODUCTION_TRAFFIC_SHIFT hook before every step', async () => {
    // Prepare
    start({
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 40, stepBakeTimeInMinutes: 1 },
      lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    sim.ecs.setHookInvoker(({ payload }) => {
      invocations.push(payload);
      return Promise.resolve({ hookStatus: 'SUCCEEDED' });
    });

    // Act
    const status = await run();

    // Assess
    const [deployment] = sim.ecs.serviceDeployments('app', 'app');
    expect(status).toBe('Succeeded');
    expect(invocations.map((payload) => payload.executionDetails.productionTrafficWeights[deployment?.targetRevisionArn ?? ''])).toEqual([0, 40, 80]);
  });

  it('FIDELITY ECS-9: CANARY shifts the canary share first, then the rest; a FAILED hook before the second step rolls back', async () => {
    // Prepare
    const stack = start({
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
      lifecycleHooks: [{ hookTargetArn: HOOK_ARN, lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    sim.ecs.setHookInvoker(({ payload }) => {
      invocations.push(payload);
      return Promise.resolve({ hookStatus: invocations.length === 2 ? 'FAILED' : 'SUCCEEDED' });
    });

    // Act
    const status = await run();

    // Assess
    const [deployment] = sim.ecs.serviceDeployments('app', 'app');
    expect(status).toBe('Failed');
    expect(invocations.map((payload) => payload.executionDetails.productionTrafficWeights[deployment?.targetRevisionArn ?? ''])).toEqual([0, 10]);
    expect(deployment?.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(sim.elbv2.ruleWeights(stack.productionListenerRuleArn).map((group) => group.weight)).toEqual([100, 0]);
  });

  it('FIDELITY ECS-10: an alarm the service watches going into ALARM rolls the deployment back and shows as triggered', async () => {
    // Prepare
    start({ bakeTimeInMinutes: 10, alarms: { alarmNames: ['app-5xx'], rollback: true } });
    const outcome = run();
    const deployment = await waitFor(() => (sim.ecs.serviceDeployments('app', 'app')[0]?.lifecycleStage === 'BAKE_TIME' ? sim.ecs.serviceDeployments('app', 'app')[0] : undefined));

    // Act
    const rolledBack = sim.ecs.triggerAlarm('app-5xx');
    const status = await outcome;

    // Assess
    const { serviceDeployments } = await aws.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [deployment.serviceDeploymentArn] }));
    expect(rolledBack).toEqual([deployment.serviceDeploymentArn]);
    expect(status).toBe('Failed');
    expect(serviceDeployments?.[0]).toMatchObject({
      status: 'ROLLBACK_SUCCESSFUL',
      statusReason: 'Service deployment rolled back because alarm app-5xx went into ALARM.',
      alarms: { status: 'TRIGGERED', alarmNames: ['app-5xx'], triggeredAlarmNames: ['app-5xx'] },
    });
  });

  it('FIDELITY ELB-3: DescribeRules lists a listener\'s rules with their weighted forward action', async () => {
    // Prepare
    const stack = start();

    // Act
    const { Rules } = await aws.elbv2.send(new DescribeRulesCommand({ RuleArns: [stack.productionListenerRuleArn] }));

    // Assess
    expect(Rules?.[0]).toMatchObject({
      RuleArn: stack.productionListenerRuleArn,
      Priority: '1',
      Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: stack.targetGroupArns[0], Weight: 100 }, { TargetGroupArn: stack.targetGroupArns[1], Weight: 0 }] } }],
    });
  });
});
