import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetDeploymentCommand,
  GetDeploymentGroupCommand,
  GetDeploymentTargetCommand,
  ListDeploymentTargetsCommand,
  PutLifecycleEventHookExecutionStatusCommand,
} from '@aws-sdk/client-codedeploy';
import { createHash } from 'node:crypto';
import { StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '../src/index.js';
import { actionOf, startedAction } from './support/actions.js';
import { clientsFor, type Clients } from './support/clients.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

const TIME_SCALE = 0.005;

describe('CodeDeploy', () => {
  let sim: Simulator;
  let aws: Clients;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 3, timeScale: TIME_SCALE });
    aws = clientsFor(sim);
    sim.codedeploy.addDeploymentGroup({
      applicationName: 'app',
      deploymentGroupName: 'app-dg',
      prodListenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/prod'],
      testListenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/test'],
      targetGroups: ['app-blue', 'app-green'],
      clusterName: 'prod',
      serviceName: 'app',
    });
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  const report = (deploymentId: string, lifecycleEventHookExecutionId: string, status: 'Succeeded' | 'Failed' | 'Pending' = 'Succeeded'): Promise<unknown> =>
    aws.codedeploy.send(new PutLifecycleEventHookExecutionStatusCommand({ deploymentId, lifecycleEventHookExecutionId, status }));

  it('describes the deployment group with its listeners and target groups', async () => {
    // Act
    const { deploymentGroupInfo } = await aws.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'app-dg' }));

    // Assess
    expect(deploymentGroupInfo?.computePlatform).toBe('ECS');
    expect(deploymentGroupInfo?.ecsServices).toEqual([{ serviceName: 'app', clusterName: 'prod' }]);
    expect(deploymentGroupInfo?.loadBalancerInfo?.targetGroupPairInfoList).toEqual([
      {
        targetGroups: [{ name: 'app-blue' }, { name: 'app-green' }],
        prodTrafficRoute: { listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/prod'] },
        testTrafficRoute: { listenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/test'] },
      },
    ]);
  });

  it('answers ApplicationDoesNotExistException and DeploymentGroupDoesNotExistException for unknown names', async () => {
    // Act
    const noApplication = aws.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'other', deploymentGroupName: 'app-dg' }));
    const noGroup = aws.codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'other' }));

    // Assess
    await expect(noApplication).rejects.toMatchObject({ name: 'ApplicationDoesNotExistException' });
    await expect(noGroup).rejects.toMatchObject({ name: 'DeploymentGroupDoesNotExistException' });
  });

  it('records a hook report once and answers LifecycleEventAlreadyCompletedException to the second', async () => {
    // Prepare
    const { deploymentId, hookExecutionIds } = sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg' });
    const hookId = hookExecutionIds.AfterAllowTestTraffic ?? '';

    // Act
    const first = await aws.codedeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({ deploymentId, lifecycleEventHookExecutionId: hookId, status: 'Succeeded' }),
    );
    const second = report(deploymentId, hookId, 'Failed');

    // Assess
    expect(first.lifecycleEventHookExecutionId).toBe(hookId);
    await expect(second).rejects.toMatchObject({ name: 'LifecycleEventAlreadyCompletedException' });
    expect(sim.codedeploy.lifecycleReports(deploymentId).map((entry) => [entry.lifecycleEventName, entry.status])).toEqual([
      ['AfterAllowTestTraffic', 'Succeeded'],
    ]);
    expect(sim.codedeploy.deployment(deploymentId).status).toBe('Succeeded');
  });

  it('fails a hook-test deployment when its hook reports Failed', async () => {
    // Prepare
    const { deploymentId, hookExecutionIds } = sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg' });

    // Act
    await report(deploymentId, hookExecutionIds.AfterAllowTestTraffic ?? '', 'Failed');
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    expect(deploymentInfo?.status).toBe('Failed');
    expect(deploymentInfo?.errorInformation?.code).toBe('HOOK_EXECUTION_FAILURE');
  });

  it('keeps a hook-test deployment with several hooks running until the last reports, and fails it at the first Failed', async () => {
    // Prepare
    sim.codedeploy.addDeploymentGroup({ applicationName: 'app', deploymentGroupName: 'other-dg', prodListenerArns: [], testListenerArns: [], targetGroups: ['b', 'g'] });
    const passing = sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg', hooks: ['BeforeInstall', 'AfterAllowTestTraffic'] });
    const failing = sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'other-dg', hooks: ['BeforeInstall', 'AfterAllowTestTraffic'] });

    // Act
    await report(passing.deploymentId, passing.hookExecutionIds.BeforeInstall ?? '');
    const afterFirst = sim.codedeploy.deployment(passing.deploymentId).status;
    await report(passing.deploymentId, passing.hookExecutionIds.AfterAllowTestTraffic ?? '');
    await report(failing.deploymentId, failing.hookExecutionIds.AfterAllowTestTraffic ?? '', 'Failed');

    // Assess
    expect(afterFirst).toBe('InProgress');
    expect(sim.codedeploy.deployment(passing.deploymentId).status).toBe('Succeeded');
    expect(sim.codedeploy.deployment(failing.deploymentId)).toMatchObject({ status: 'Failed', errorInformation: { code: 'HOOK_EXECUTION_FAILURE' } });
    expect(sim.codedeploy.openHooks(failing.deploymentId)).toEqual([]);
  });

  it.each([
    ['an unknown hook execution id', (id: string) => report(id, 'not-a-hook'), 'InvalidLifecycleEventHookExecutionIdException'],
    ['a status other than Succeeded or Failed', (id: string, hook: string) => report(id, hook, 'Pending'), 'InvalidLifecycleEventHookExecutionStatusException'],
    ['an unknown deployment', (_id: string, hook: string) => report('d-AAAAAAAAA', hook), 'DeploymentDoesNotExistException'],
    ['a malformed deployment id', (_id: string, hook: string) => report('deployment-1', hook), 'InvalidDeploymentIdException'],
  ])('rejects a report with %s', async (_case, act, errorName) => {
    // Prepare
    const { deploymentId, hookExecutionIds } = sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: 'app-dg' });

    // Act
    const call = act(deploymentId, hookExecutionIds.AfterAllowTestTraffic ?? '');

    // Assess
    await expect(call).rejects.toMatchObject({ name: errorName });
    expect(sim.codedeploy.lifecycleReports(deploymentId)).toHaveLength(0);
  });

  it('shows a pipeline deployment progressing: lifecycle events and traffic weights change over time', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { stepSeconds: 8 } } } }] }));
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() =>
      startedAction(sim, 'app', 'Deploy')?.externalExecutionId,
    );
    const { targetIds } = await aws.codedeploy.send(new ListDeploymentTargetsCommand({ deploymentId }));
    const targetId = targetIds?.[0] ?? '';
    const seen = new Set<string>();

    // Act
    for (;;) {
      const { deploymentTarget } = await aws.codedeploy.send(new GetDeploymentTargetCommand({ deploymentId, targetId }));
      const ecs = deploymentTarget?.ecsTarget;
      const weights = (ecs?.taskSetsInfo ?? []).map((taskSet) => `${taskSet.taskSetLabel}:${taskSet.trafficWeight}`).join(',');
      const current = ecs?.lifecycleEvents?.find((event) => event.status === 'InProgress')?.lifecycleEventName ?? '-';
      seen.add(`${current}|${weights}`);
      if (ecs?.status === 'Succeeded') {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { deploymentTarget } = await aws.codedeploy.send(new GetDeploymentTargetCommand({ deploymentId, targetId }));
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));
    await sim.waitForExecution('app', pipelineExecutionId ?? '');

    // Assess
    expect(targetId).toBe('prod:app');
    expect(seen).toContain('AfterAllowTestTraffic|Blue:100,Green:0');
    expect(seen).toContain('AfterAllowTraffic|Blue:0,Green:100');
    const events = deploymentTarget?.ecsTarget?.lifecycleEvents ?? [];
    expect(events.map((event) => event.lifecycleEventName)).toEqual([
      'BeforeInstall',
      'Install',
      'AfterInstall',
      'AllowTestTraffic',
      'AfterAllowTestTraffic',
      'BeforeAllowTraffic',
      'AllowTraffic',
      'AfterAllowTraffic',
    ]);
    expect(events.every((event) => event.status === 'Succeeded' && event.startTime instanceof Date && event.endTime instanceof Date)).toBe(true);
    const green = deploymentTarget?.ecsTarget?.taskSetsInfo?.[0];
    expect(green).toMatchObject({ taskSetLabel: 'Green', trafficWeight: 100, status: 'PRIMARY', targetGroup: { name: 'app-green' } });
    expect(green?.identifer).toMatch(/^ecs-svc\//);
    expect(deploymentInfo).toMatchObject({ status: 'Succeeded', computePlatform: 'ECS', applicationName: 'app', deploymentGroupName: 'app-dg' });
    expect(deploymentInfo?.deploymentOverview).toEqual({ Pending: 0, InProgress: 0, Succeeded: 1, Failed: 0, Skipped: 0, Ready: 0 });
  });

  it('fails a scripted deployment at the given lifecycle event with rollback, failing the pipeline action', async () => {
    // Prepare
    sim.addPipeline(
      blueGreenPipeline('app', {
        starts: [
          {
            actions: {
              Deploy: { deployment: { failAt: 'AfterAllowTestTraffic', errorInformation: { code: 'ECS_UPDATE_ERROR', message: 'Green tasks failed health checks' } } },
            },
          },
        ],
      }),
    );

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');
    const deploy = actionOf(ended, 'Deploy');
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId: deploy?.externalExecutionId }));
    const view = sim.codedeploy.deployment(deploy?.externalExecutionId ?? '');

    // Assess
    expect(ended.status).toBe('Failed');
    expect(deploy?.errorDetails?.message).toContain('Green tasks failed health checks');
    expect(deploymentInfo?.status).toBe('Failed');
    expect(deploymentInfo?.errorInformation).toEqual({ code: 'ECS_UPDATE_ERROR', message: 'Green tasks failed health checks' });
    expect(deploymentInfo?.rollbackInfo?.rollbackMessage).toContain('rolled back');
    expect(view.lifecycleEvents.find((event) => event.lifecycleEventName === 'AfterAllowTestTraffic')?.status).toBe('Failed');
    expect(view.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['BLUE', 100]]);
  });

  it('waits at a scripted hook, announced to onHook listeners, until the hook reports, then continues', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { hooks: ['AfterAllowTestTraffic'] } } } }] }));
    const announced: string[] = [];
    sim.codedeploy.onHook((hook) => announced.push(`${hook.deploymentId}/${hook.lifecycleEventName}`));
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);
    const [hook] = await waitFor(() => {
      const open = sim.codedeploy.openHooks(deploymentId);
      return open.length > 0 ? open : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const whileWaiting = sim.codedeploy.deployment(deploymentId);

    // Act
    await report(deploymentId, hook?.lifecycleEventHookExecutionId ?? '', 'Succeeded');
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');

    // Assess
    expect(announced).toEqual([`${deploymentId}/AfterAllowTestTraffic`]);
    expect(whileWaiting.status).toBe('InProgress');
    expect(whileWaiting.lifecycleEvents.find((event) => event.lifecycleEventName === 'AfterAllowTestTraffic')?.status).toBe('InProgress');
    expect(ended.status).toBe('Succeeded');
    expect(sim.codedeploy.lifecycleReports(deploymentId).map((entry) => entry.status)).toEqual(['Succeeded']);
    expect(sim.codedeploy.openHooks(deploymentId)).toHaveLength(0);
  });

  it('returns the AppSpec of a pipeline deployment as its revision, by default listing the hook functions', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { hooks: ['AfterAllowTestTraffic'] } } } }] }));
    sim.codedeploy.onHook((hook) => {
      void report(hook.deploymentId, hook.lifecycleEventHookExecutionId, 'Succeeded');
    });
    await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);

    // Act
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    const content = deploymentInfo?.revision?.appSpecContent?.content ?? '';
    expect(deploymentInfo?.revision?.revisionType).toBe('AppSpecContent');
    expect(content).toContain('Type: AWS::ECS::Service');
    expect(content).toMatch(/^Hooks:\n {2}- AfterAllowTestTraffic: "CodeDeployHook_app_AfterAllowTestTraffic"$/m);
    expect(deploymentInfo?.revision?.appSpecContent?.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('passes the AppSpec content the scenario gives to the deployment unchanged', async () => {
    // Prepare
    const appSpec = JSON.stringify({ version: 0, Hooks: [{ AfterAllowTestTraffic: 'arn:aws:lambda:us-east-1:123456789012:function:custom-hook' }] });
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { appSpecContent: appSpec } } } }] }));
    await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);

    // Act
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    expect(deploymentInfo?.revision?.appSpecContent?.content).toBe(appSpec);
  });

  it('rolls back and fails the pipeline when a scripted hook reports Failed', async () => {
    // Prepare
    sim.addPipeline(blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { hooks: ['AfterAllowTestTraffic'] } } } }] }));
    const reports: Promise<unknown>[] = [];
    sim.codedeploy.onHook((hook) => {
      reports.push(report(hook.deploymentId, hook.lifecycleEventHookExecutionId, 'Failed'));
    });

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');
    const deploy = actionOf(ended, 'Deploy');
    const deployment = sim.codedeploy.deployment(deploy?.externalExecutionId ?? '');
    await Promise.all(reports);

    // Assess
    expect(reports).toHaveLength(1);
    expect(ended.status).toBe('Failed');
    expect(deployment).toMatchObject({ status: 'Failed', rolledBack: true, errorInformation: { code: 'HOOK_EXECUTION_FAILURE' } });
    expect(deployment.taskSets.map((taskSet) => [taskSet.taskSetLabel, taskSet.trafficWeight])).toEqual([['BLUE', 100]]);
  });

  it('fails and rolls back a scripted deployment whose hook never reports within the hook timeout', async () => {
    // Prepare
    sim.addPipeline(
      blueGreenPipeline('app', { starts: [{ actions: { Deploy: { deployment: { hooks: ['AfterAllowTestTraffic'], hookTimeoutSeconds: 120 } } } }] }),
    );

    // Act
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');
    const deploy = actionOf(ended, 'Deploy');
    const deployment = sim.codedeploy.deployment(deploy?.externalExecutionId ?? '');

    // Assess
    expect(ended.status).toBe('Failed');
    // 120 scenario seconds at this time scale: the message states the real wait, as the timestamps do.
    expect(deployment.errorInformation?.message).toContain(`did not report within ${120 * TIME_SCALE} seconds`);
    expect(deployment.lifecycleEvents.find((event) => event.lifecycleEventName === 'AfterAllowTestTraffic')?.status).toBe('Failed');
    expect(deployment.rolledBack).toBe(true);
  });

  it('shifts production traffic by the canary steps of the deployment configuration', async () => {
    // Prepare
    sim.codedeploy.addDeploymentGroup({
      applicationName: 'app',
      deploymentGroupName: 'canary-dg',
      prodListenerArns: ['prod'],
      testListenerArns: ['test'],
      targetGroups: ['blue', 'green'],
      deploymentConfigName: 'CodeDeployDefault.ECSCanary10Percent5Minutes',
    });
    const scenario = blueGreenPipeline('app');
    sim.addPipeline({
      ...scenario,
      stages: scenario.stages.map((stage) => ({
        ...stage,
        actions: stage.actions.map((action) =>
          action.name === 'Deploy' ? { ...action, configuration: { ApplicationName: 'app', DeploymentGroupName: 'canary-dg' } } : action,
        ),
      })),
    });
    const { pipelineExecutionId } = await aws.codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
    const deploymentId = await waitFor(() => startedAction(sim, 'app', 'Deploy')?.externalExecutionId);

    // Act
    const canary = await waitFor(async () => {
      const { deploymentTarget } = await aws.codedeploy.send(new GetDeploymentTargetCommand({ deploymentId, targetId: 'cluster:service' }));
      const weights = deploymentTarget?.ecsTarget?.taskSetsInfo?.map((taskSet) => `${taskSet.taskSetLabel}:${taskSet.trafficWeight}`).join(',');
      return weights === 'Blue:90,Green:10' ? weights : undefined;
    });
    const ended = await sim.waitForExecution('app', pipelineExecutionId ?? '');
    const { deploymentInfo } = await aws.codedeploy.send(new GetDeploymentCommand({ deploymentId }));

    // Assess
    expect(canary).toBe('Blue:90,Green:10');
    expect(ended.status).toBe('Succeeded');
    expect(deploymentInfo?.deploymentConfigName).toBe('CodeDeployDefault.ECSCanary10Percent5Minutes');
    // The canary's 5 minutes really elapsed, scaled: wall-clock timestamps show the real wait.
    expect((deploymentInfo?.completeTime?.getTime() ?? 0) - (deploymentInfo?.startTime?.getTime() ?? 0)).toBeGreaterThanOrEqual(300_000 * TIME_SCALE);
  });
});
