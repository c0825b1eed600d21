import type { PipelineScenario, Simulator } from '@greenlight/aws-sim';

/** Names as examples/complete would create them, so the action's output reads like a real run. */
const STACK = {
  pipelineName: 'greenlight-demo',
  repository: 'octo-org/greenlight-demo',
  branch: 'main',
  applicationName: 'greenlight-demo',
  deploymentGroupName: 'greenlight-demo',
  targetGroups: ['greenlight-demo-blue', 'greenlight-demo-green'],
  buildProject: 'greenlight-demo-build',
  hookFunctionName: 'CodeDeployHook_greenlight-demo',
  cluster: 'greenlight-demo',
  service: 'greenlight-demo',
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

const APPSPEC = [
  'version: 0.0',
  'Resources:',
  '  - TargetService:',
  '      Type: AWS::ECS::Service',
  '      Properties:',
  `        TaskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/${STACK.service}:2"`,
  '        LoadBalancerInfo:',
  '          ContainerName: "app"',
  '          ContainerPort: 8080',
  'Hooks:',
  `  - AfterAllowTestTraffic: "${STACK.hookFunctionName}"`,
  '',
].join('\n');

interface StackTimings {
  readonly sourceSeconds: number;
  readonly buildSeconds: number;
}

/**
 * The pipeline terraform/modules/pipeline builds (same stage, action, artifact and configuration names): Source (GitHub through a CodeStar connection), Build
 * (CodeBuild producing the image, taskdef.json and appspec.yaml), Deploy (CodeDeployToECS, blue/green).
 */
const pipelineScenario = (timings: StackTimings): PipelineScenario => ({
  name: STACK.pipelineName,
  pipelineType: 'V2',
  executionMode: 'SUPERSEDED',
  stages: [
    {
      name: 'Source',
      actions: [
        {
          name: 'Source',
          category: 'Source',
          provider: 'CodeStarSourceConnection',
          configuration: {
            ConnectionArn: 'arn:aws:codeconnections:us-east-1:123456789012:connection/5f0c6d0e-7d55-4a3b-9d2e-demo00000001',
            FullRepositoryId: STACK.repository,
            BranchName: STACK.branch,
            OutputArtifactFormat: 'CODE_ZIP',
            // The GitHub workflow starts the pipeline (through the action), not a push trigger.
            DetectChanges: 'false',
          },
          outputArtifacts: ['SourceArtifact'],
          namespace: 'SourceVariables',
          durationSeconds: timings.sourceSeconds,
        },
      ],
    },
    {
      name: 'Build',
      actions: [
        {
          name: 'Build',
          category: 'Build',
          provider: 'CodeBuild',
          configuration: { ProjectName: STACK.buildProject },
          inputArtifacts: ['SourceArtifact'],
          outputArtifacts: ['BuildArtifact'],
          namespace: 'BuildVariables',
          durationSeconds: timings.buildSeconds,
          build: { logLines: BUILD_LOG },
        },
      ],
    },
    {
      name: 'Deploy',
      actions: [
        {
          name: 'Deploy',
          category: 'Deploy',
          provider: 'CodeDeployToECS',
          configuration: {
            ApplicationName: STACK.applicationName,
            DeploymentGroupName: STACK.deploymentGroupName,
            TaskDefinitionTemplateArtifact: 'BuildArtifact',
            TaskDefinitionTemplatePath: 'taskdef.json',
            AppSpecTemplateArtifact: 'BuildArtifact',
            AppSpecTemplatePath: 'appspec.yaml',
            Image1ArtifactName: 'BuildArtifact',
            Image1ContainerName: 'IMAGE1_NAME',
          },
          inputArtifacts: ['BuildArtifact'],
          // What CodePipeline hands CodeDeploy: appspec.yaml as terraform/modules/pipeline renders it, with the
          // task definition it registered filled in.
          deployment: { appSpecContent: APPSPEC },
        },
      ],
    },
  ],
});

interface StackPorts {
  readonly production: number;
  readonly test: number;
}

/** Registers the stack's pipeline, load balancer and deployment group in the simulator. */
const registerStack = (sim: Simulator, options: { ports: StackPorts; deploymentConfigName: string; timings: StackTimings }): void => {
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
    applicationName: STACK.applicationName,
    deploymentGroupName: STACK.deploymentGroupName,
    prodListenerArns: listenerArns.slice(0, 1),
    testListenerArns: listenerArns.slice(1, 2),
    targetGroups: STACK.targetGroups,
    deploymentConfigName: options.deploymentConfigName,
    clusterName: STACK.cluster,
    serviceName: STACK.service,
  });
  sim.addPipeline(pipelineScenario(options.timings));
};

export { registerStack, STACK };
export type { StackPorts, StackTimings };
