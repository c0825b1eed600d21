import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeDeployClient, GetDeploymentGroupCommand, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient, GetPipelineCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { parseCliOptions } from '../src/cli-options.js';
import { blueGreenPipeline } from './support/scenarios.js';
import { waitFor } from './support/wait-for.js';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(packageDir, 'dist', 'cli.js');
const example = path.join(packageDir, 'examples', 'blue-green.json');

interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI's stdout so far, for callbacks that wait on later lines. */
interface OutputSoFar {
  current: string;
}

const runCli = (
  args: readonly string[],
  onOutput?: (stdout: string, stop: () => void) => void,
  output: OutputSoFar = { current: '' },
): Promise<CliRun> =>
  new Promise((resolve, reject) => {
    // process.execPath is the Node 24 that runs the test scripts.
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output.current = stdout;
      onOutput?.(stdout, () => child.kill('SIGINT'));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(killer);
      resolve({ exitCode, stdout, stderr });
    });
  });

/** The fake key pair the CLI exports, which the simulator verifies signatures against. */
const exportedCredentials = (stdout: string): { accessKeyId: string; secretAccessKey: string } => ({
  accessKeyId: /^export AWS_ACCESS_KEY_ID=(\S+)$/m.exec(stdout)?.[1] ?? '',
  secretAccessKey: /^export AWS_SECRET_ACCESS_KEY=(\S+)$/m.exec(stdout)?.[1] ?? '',
});

const scenarioFile = async (content: unknown): Promise<string> => {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'aws-sim-cli-')), 'scenario.json');
  await writeFile(file, JSON.stringify(content));
  return file;
};

describe('aws-sim CLI', () => {
  it('serves the scenario, prints the endpoint and env exports, and stops cleanly on SIGINT', async () => {
    // Prepare
    const file = await scenarioFile({ pipelines: [blueGreenPipeline('cli-app')] });
    let answered: string | undefined;
    let asked = false;

    // Act
    const run = await runCli(['--scenario', file, '--seed', '3', '--time-scale', '0.01'], (stdout, stop) => {
      const endpoint = /^export AWS_ENDPOINT_URL_CODEPIPELINE=(\S+)$/m.exec(stdout)?.[1];
      if (endpoint === undefined || asked) {
        return;
      }
      asked = true;
      const client = new CodePipelineClient({ endpoint, region: 'us-east-1', credentials: exportedCredentials(stdout) });
      void client
        .send(new GetPipelineCommand({ name: 'cli-app' }))
        .then((answer) => {
          answered = answer.pipeline?.name;
        })
        .finally(() => {
          client.destroy();
          stop();
        });
    });

    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^aws-sim listening on http:\/\/127\.0\.0\.1:\d+ \(pipelines: cli-app\)$/m);
    expect(run.stdout).toContain('export AWS_EC2_METADATA_DISABLED=true');
    expect(run.stdout).toContain('export AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2=');
    expect(run.stdout).toContain('aws-sim stopped');
    expect(answered).toBe('cli-app');
  });

  it('serves the example world: listener references resolved, hooks announced for manual reports', async () => {
    // Prepare
    const answers: { testListenerPort?: number | undefined; hookReported?: string | undefined } = {};
    const output: OutputSoFar = { current: '' };
    let started = false;

    // Act
    const run = await runCli(['--scenario', example, '--time-scale', '0.005'], (stdout, stop) => {
      const endpoint = /^export AWS_ENDPOINT_URL=(\S+)$/m.exec(stdout)?.[1];
      if (endpoint === undefined || started) {
        return;
      }
      started = true;
      const config = { endpoint, region: 'us-east-1', credentials: exportedCredentials(stdout) };
      const codedeploy = new CodeDeployClient(config);
      const codepipeline = new CodePipelineClient(config);
      const elbv2 = new ElasticLoadBalancingV2Client(config);
      void (async () => {
        const { deploymentGroupInfo } = await codedeploy.send(new GetDeploymentGroupCommand({ applicationName: 'app', deploymentGroupName: 'app-dg' }));
        const testListenerArns = deploymentGroupInfo?.loadBalancerInfo?.targetGroupPairInfoList?.[0]?.testTrafficRoute?.listenerArns;
        const { Listeners } = await elbv2.send(new DescribeListenersCommand({ ListenerArns: testListenerArns }));
        answers.testListenerPort = Listeners?.[0]?.Port;
        await codepipeline.send(new StartPipelineExecutionCommand({ name: 'app' }));
        const hook = await waitFor(
          () => /^hook open: deployment (d-\w+) AfterAllowTestTraffic lifecycleEventHookExecutionId=(\w+)$/m.exec(output.current) ?? undefined,
        );
        const reported = await codedeploy.send(
          new PutLifecycleEventHookExecutionStatusCommand({ deploymentId: hook[1], lifecycleEventHookExecutionId: hook[2], status: 'Succeeded' }),
        );
        answers.hookReported = reported.lifecycleEventHookExecutionId;
      })().finally(() => {
        [codedeploy, codepipeline, elbv2].forEach((client) => client.destroy());
        stop();
      });
    }, output);

    // Assess
    expect(run.exitCode).toBe(0);
    expect(answers.testListenerPort).toBe(8443);
    expect(answers.hookReported).toMatch(/^\w{48}$/);
  });

  it.each([
    [['--throttle', '2'], '--throttle expects a rate between 0 and 1'],
    [['--latency', '50'], '--latency expects MIN,MAX'],
    [['--time-scale', '0'], '--time-scale must be greater than 0'],
    [['--port', 'eighty'], '--port expects a non-negative integer'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--rate-limit', 'GetPipeline=fast'], '--rate-limit expects OPERATION=RATE[/BURST]'],
  ])('rejects %j naming the flag and what it expects', async (args, message) => {
    // Prepare
    const file = await scenarioFile(blueGreenPipeline('cli-app'));

    // Act
    const run = await runCli(['--scenario', file, ...args]);

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('reads --rate-limit quotas per operation, with and without a burst (FIDELITY FAULT-2)', async () => {
    // Prepare
    const file = await scenarioFile(blueGreenPipeline('cli-app'));

    // Act
    const options = await parseCliOptions(['--scenario', file, '--rate-limit', 'codepipeline:*=5/10', '--rate-limit', 'GetPipelineExecution=0.5']);

    // Assess
    expect(options.simulator.faults?.rateLimits).toEqual({
      'codepipeline:*': { ratePerSecond: 5, burst: 10 },
      GetPipelineExecution: { ratePerSecond: 0.5 },
    });
  });

  it('requires a scenario file and explains it', async () => {
    // Act
    const run = await runCli([]);

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--scenario is required');
  });

  it('rejects an invalid scenario naming what is wrong', async () => {
    // Prepare
    const file = await scenarioFile({ name: 'bad', stages: [] });

    // Act
    const run = await runCli(['--scenario', file]);

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Pipeline scenario "bad": stages must be an array of at least two stages');
  });

  it('rejects a deployment group naming a listener that no load balancer has', async () => {
    // Prepare
    const file = await scenarioFile({
      pipelines: [blueGreenPipeline('cli-app')],
      loadBalancers: [{ name: 'alb', dnsName: 'alb.test', scheme: 'internal', listeners: [{ port: 443, protocol: 'HTTPS' }] }],
      deploymentGroups: [{ applicationName: 'app', deploymentGroupName: 'dg', prodListenerArns: ['alb:443'], testListenerArns: ['alb:8443'], targetGroups: ['b', 'g'] }],
    });

    // Act
    const run = await runCli(['--scenario', file]);

    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('Deployment group "dg": listener "alb:8443" is neither an ARN nor loadBalancerName:port');
  });

  it('prints its usage with --help', async () => {
    // Act
    const run = await runCli(['--help']);

    // Assess
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: aws-sim --scenario file.json');
  });
});
