import { hookFunctionName } from '@greenlight/contracts';
import { greenlightPipelineScenario, type PipelineScenario, type Simulator } from '@greenlight/aws-sim';

const STACK_NAME = 'greenlight-demo';

/** Names as examples/complete would create them (its `name` is greenlight-demo), so the action's output reads like a real run. */
const demoStack = {
  pipelineName: STACK_NAME,
  repository: 'octo-org/greenlight-demo',
  branch: 'main',
  applicationName: STACK_NAME,
  deploymentGroupName: STACK_NAME,
  targetGroups: [`${STACK_NAME}-blue`, `${STACK_NAME}-green`],
  hookFunctionName: hookFunctionName(STACK_NAME, 'AfterAllowTestTraffic'),
  cluster: STACK_NAME,
  service: STACK_NAME,
} as const;

const BUILD_LOG = [
  '[Container] Entering phase INSTALL',
  '[Container] Running command docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com',
  'Login Succeeded',
  '[Container] Entering phase BUILD',
  '[Container] Running command docker build -t greenlight-demo:$CODEBUILD_RESOLVED_SOURCE_VERSION terraform/examples/complete/app',
  '#5 [2/2] COPY --chown=root:root server.mjs ./',
  '#6 exporting to image',
  '[Container] Running command npm test',
  'Tests: 12 passed, 12 total',
  '[Container] Entering phase POST_BUILD',
  '[Container] Running command docker push 123456789012.dkr.ecr.us-east-1.amazonaws.com/greenlight-demo',
  'latest: digest: sha256:4f2c1f0e8e9b7a6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a2918070605 size: 1574',
  '[Container] Running command printf \'{"ImageURI":"%s"}\' "$IMAGE_URI" > imageDetail.json',
  '[Container] Phase complete: POST_BUILD State: SUCCEEDED',
] as const;

interface StackTimings {
  readonly sourceSeconds: number;
  readonly buildSeconds: number;
}

/**
 * The pipeline terraform/modules/pipeline builds for the stack: Source (GitHub through a CodeStar connection),
 * Build (CodeBuild producing the image, taskdef.json and appspec.yaml), Deploy (CodeDeployToECS, blue/green),
 * queuing executions as the module does by default.
 */
const pipelineScenario = (timings: StackTimings): PipelineScenario =>
  greenlightPipelineScenario({
    name: demoStack.pipelineName,
    repository: demoStack.repository,
    branch: demoStack.branch,
    connectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/5f0c6d0e-7d55-4a3b-9d2e-demo00000001',
    applicationName: demoStack.applicationName,
    deploymentGroupName: demoStack.deploymentGroupName,
    durations: { Source: timings.sourceSeconds, Build: timings.buildSeconds },
    buildLogLines: BUILD_LOG,
    // What CodePipeline hands CodeDeploy: appspec.yaml as the module renders it, with the task definition it
    // registered filled in.
    appSpec: {
      taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${demoStack.service}:2`,
      containerName: 'app',
      containerPort: 8080,
      hookFunctionNames: { AfterAllowTestTraffic: demoStack.hookFunctionName },
    },
  });

interface StackPorts {
  readonly production: number;
  readonly test: number;
}

/** Registers the stack's pipeline, load balancer and deployment group in the simulator. */
interface StackOptions {
  readonly ports: StackPorts;
  readonly deploymentConfigName: string;
  /** The deployment group's termination wait (what GetDeploymentGroup shows; the demo's driver plays it). */
  readonly terminationWaitMinutes: number;
  readonly timings: StackTimings;
}

const registerStack = (sim: Simulator, options: StackOptions): void => {
  const { listenerArns } = sim.elbv2.addLoadBalancer({
    name: 'greenlight-demo',
    // The hook is given the test listener's URL; discovery through ELBv2 would arrive at the same place.
    dnsName: 'localhost',
    scheme: 'internal',
    listeners: [
      { port: options.ports.production, protocol: 'HTTP' },
      { port: options.ports.test, protocol: 'HTTP' },
    ],
  });
  sim.codedeploy.addDeploymentGroup({
    applicationName: demoStack.applicationName,
    deploymentGroupName: demoStack.deploymentGroupName,
    prodListenerArns: listenerArns.slice(0, 1),
    testListenerArns: listenerArns.slice(1, 2),
    targetGroups: demoStack.targetGroups,
    deploymentConfigName: options.deploymentConfigName,
    terminationWaitTimeInMinutes: options.terminationWaitMinutes,
    clusterName: demoStack.cluster,
    serviceName: demoStack.service,
  });
  sim.addPipeline(pipelineScenario(options.timings));
};

export { registerStack, demoStack };
export type { StackOptions, StackPorts, StackTimings };
