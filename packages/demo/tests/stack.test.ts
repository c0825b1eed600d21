import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CodePipelineClient, GetPipelineCommand } from '@aws-sdk/client-codepipeline';
import { startSimulator, type Simulator } from '@greenlight/aws-sim';
import { registerStack, demoStack } from '../src/stack.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('the demo stack', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator({ timeScale: 0.01 });
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('names the hook function as terraform/modules/lifecycle-hooks names it', async () => {
    // Prepare
    const moduleText = await readFile(path.join(repoRoot, 'terraform', 'modules', 'lifecycle-hooks', 'main.tf'), 'utf8');
    const pattern = /"(CodeDeployHook_)\$\{var\.name\}(_)\$\{event\}"/.exec(moduleText);

    // Act
    const expected = `${pattern?.[1] ?? '<absent>'}${demoStack.pipelineName}${pattern?.[2] ?? ''}AfterAllowTestTraffic`;

    // Assess
    expect(demoStack.hookFunctionName).toBe(expected);
    expect(demoStack.hookFunctionName).toBe('CodeDeployHook_greenlight-demo_AfterAllowTestTraffic');
  });

  it('registers the pipeline queuing executions, as the pipeline module does by default', async () => {
    // Prepare
    registerStack(sim, {
      ports: { production: 8080, test: 8443 },
      deploymentConfigName: 'CodeDeployDefault.ECSAllAtOnce',
      terminationWaitMinutes: 5,
      timings: { sourceSeconds: 1, buildSeconds: 1 },
    });
    const client = new CodePipelineClient({
      endpoint: sim.endpoint,
      region: sim.region,
      credentials: { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    });

    // Act
    const { pipeline } = await client.send(new GetPipelineCommand({ name: demoStack.pipelineName }));
    client.destroy();

    // Assess
    const actions = (pipeline?.stages ?? []).flatMap((stage) => stage.actions ?? []);
    expect(pipeline?.executionMode).toBe('QUEUED');
    expect(actions.map((action) => action.name)).toEqual(['Source', 'Build', 'Deploy']);
    expect(actions[2]?.configuration).toMatchObject({ ApplicationName: demoStack.applicationName, DeploymentGroupName: demoStack.deploymentGroupName });
  });
});
