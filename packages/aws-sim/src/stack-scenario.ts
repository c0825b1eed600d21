import { HOOKABLE_LIFECYCLE_EVENTS, renderAppSpec, type AppSpecNetworkConfiguration, type HookableLifecycleEventName } from '@greenlight/contracts';
import {
  EXECUTION_MODE, type ExecutionMode,
  type ActionScenario,
  type DeploymentScript,
  type PipelineScenario,
  type PipelineVariableDeclaration,
} from './scenario.js';

/** The actions of the pipeline terraform/modules/pipeline creates, each alone in the stage of the same name. */
const GREENLIGHT_ACTIONS = { Source: 'Source', Build: 'Build', Deploy: 'Deploy' } as const;
type GreenlightActionName = (typeof GREENLIGHT_ACTIONS)[keyof typeof GREENLIGHT_ACTIONS];

/** The module's artifact names: the build reads the source and writes the image definition, taskdef and appspec. */
const SOURCE_ARTIFACT = 'SourceArtifact';
const BUILD_ARTIFACT = 'BuildArtifact';

/** The module's `pipeline_variables` default. */
const DEFAULT_VARIABLES: readonly PipelineVariableDeclaration[] = [
  { name: 'TRIGGERED_BY', defaultValue: 'manual', description: 'Who or what started the execution, e.g. the GitHub workflow run URL.' },
];

/** The AppSpec the module writes into the build artifact, as CodePipeline hands it to CodeDeploy. */
interface GreenlightAppSpec {
  /** The task definition revision CodePipeline registered from taskdef.json. */
  readonly taskDefinitionArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  /** The ecs-service module's `network_configuration` output, which bluegreen-stack passes to the pipeline. */
  readonly networkConfiguration?: AppSpecNetworkConfiguration;
  /** The lifecycle-hooks module's `function_names` output: function name by event. */
  readonly hookFunctionNames?: Readonly<Partial<Record<HookableLifecycleEventName, string>>>;
}

interface GreenlightPipelineOptions {
  /** The module's `name`: pipeline name, and the default of the build project, application and deployment group names. */
  readonly name: string;
  /** GitHub `owner/name` the source action reads. */
  readonly repository: string;
  /** Default `main`, as the module's. */
  readonly branch?: string;
  readonly connectionArn?: string;
  /** Default QUEUED, as the module's `execution_mode`. */
  readonly executionMode?: ExecutionMode;
  /** Default the module's `pipeline_variables` (TRIGGERED_BY). */
  readonly variables?: readonly PipelineVariableDeclaration[];
  /** Default `<name>-build`, as the module names its project. */
  readonly buildProjectName?: string;
  /** Default `<name>`, as the codedeploy module names its application. */
  readonly applicationName?: string;
  /** Default `<name>`, as the codedeploy module names its deployment group. */
  readonly deploymentGroupName?: string;
  /** Default `IMAGE1_NAME`, the module's `image_placeholder`. */
  readonly imagePlaceholder?: string;
  /** Simulated seconds per action; an action not named takes the simulator's default. */
  readonly durations?: Readonly<Partial<Record<GreenlightActionName, number>>>;
  /** Lines of the CodeBuild log, spread over the Build action. */
  readonly buildLogLines?: readonly string[];
  /** How the scripted driver plays the Deploy action's deployment. */
  readonly deployment?: DeploymentScript;
  /** Renders `deployment.appSpecContent` as the module does (hooks in lifecycle order). */
  readonly appSpec?: GreenlightAppSpec;
  /** Per action, fields replacing the built ones (shallow). */
  readonly actions?: Readonly<Partial<Record<GreenlightActionName, Partial<ActionScenario>>>>;
  /** Scenario fields beyond the stack itself: ending, starts, history, listPageSize, pipelineType. */
  readonly overrides?: Partial<Omit<PipelineScenario, 'name' | 'stages' | 'executionMode' | 'variables'>>;
}

const appSpecContent = (appSpec: GreenlightAppSpec): string =>
  renderAppSpec({
    taskDefinitionArn: appSpec.taskDefinitionArn,
    containerName: appSpec.containerName,
    containerPort: appSpec.containerPort,
    ...(appSpec.networkConfiguration === undefined ? {} : { networkConfiguration: appSpec.networkConfiguration }),
    hooks: HOOKABLE_LIFECYCLE_EVENTS.flatMap((event) => {
      const functionName = appSpec.hookFunctionNames?.[event];
      return functionName === undefined ? [] : [{ event, functionName }];
    }),
  });

const deploymentScript = (options: GreenlightPipelineOptions): DeploymentScript | undefined => {
  if (options.appSpec === undefined) return options.deployment;
  return { ...options.deployment, appSpecContent: appSpecContent(options.appSpec) };
};

/** What the module passes the build: the execution id and every pipeline variable, by reference. */
const buildEnvironmentVariables = (variables: readonly PipelineVariableDeclaration[]): string =>
  JSON.stringify([
    { name: 'PIPELINE_EXECUTION_ID', type: 'PLAINTEXT', value: '#{codepipeline.PipelineExecutionId}' },
    ...variables.map((variable) => ({ name: variable.name, type: 'PLAINTEXT', value: `#{variables.${variable.name}}` })),
  ]);

/**
 * The pipeline of greenlight's Terraform stack (terraform/modules/pipeline) with its stage, action, artifact and
 * configuration names: Source (CodeStarSourceConnection) → Build (CodeBuild) → Deploy (CodeDeployToECS).
 */
const greenlightPipelineScenario = (options: GreenlightPipelineOptions): PipelineScenario => {
  const { name } = options;
  const variables = options.variables ?? DEFAULT_VARIABLES;
  const deployment = deploymentScript(options);
  const timed = (action: GreenlightActionName): Pick<ActionScenario, 'durationSeconds'> => {
    const seconds = options.durations?.[action];
    return seconds === undefined ? {} : { durationSeconds: seconds };
  };
  const actions: Record<GreenlightActionName, ActionScenario> = {
    Source: {
      name: GREENLIGHT_ACTIONS.Source,
      category: 'Source',
      provider: 'CodeStarSourceConnection',
      configuration: {
        ConnectionArn: options.connectionArn ?? 'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000',
        FullRepositoryId: options.repository,
        BranchName: options.branch ?? 'main',
        OutputArtifactFormat: 'CODE_ZIP',
        // Without a push trigger the module leaves starting to the GitHub Action.
        DetectChanges: 'false',
      },
      outputArtifacts: [SOURCE_ARTIFACT],
      namespace: 'SourceVariables',
      ...timed('Source'),
    },
    Build: {
      name: GREENLIGHT_ACTIONS.Build,
      category: 'Build',
      provider: 'CodeBuild',
      configuration: { ProjectName: options.buildProjectName ?? `${name}-build`, EnvironmentVariables: buildEnvironmentVariables(variables) },
      inputArtifacts: [SOURCE_ARTIFACT],
      outputArtifacts: [BUILD_ARTIFACT],
      namespace: 'BuildVariables',
      ...timed('Build'),
      ...(options.buildLogLines === undefined ? {} : { build: { logLines: options.buildLogLines } }),
    },
    Deploy: {
      name: GREENLIGHT_ACTIONS.Deploy,
      category: 'Deploy',
      provider: 'CodeDeployToECS',
      configuration: {
        ApplicationName: options.applicationName ?? name,
        DeploymentGroupName: options.deploymentGroupName ?? name,
        TaskDefinitionTemplateArtifact: BUILD_ARTIFACT,
        TaskDefinitionTemplatePath: 'taskdef.json',
        AppSpecTemplateArtifact: BUILD_ARTIFACT,
        AppSpecTemplatePath: 'appspec.yaml',
        Image1ArtifactName: BUILD_ARTIFACT,
        Image1ContainerName: options.imagePlaceholder ?? 'IMAGE1_NAME',
      },
      inputArtifacts: [BUILD_ARTIFACT],
      ...timed('Deploy'),
      ...(deployment === undefined ? {} : { deployment }),
    },
  };
  return {
    ...options.overrides,
    name,
    pipelineType: options.overrides?.pipelineType ?? 'V2',
    executionMode: options.executionMode ?? EXECUTION_MODE.Queued,
    variables,
    stages: Object.values(GREENLIGHT_ACTIONS).map((action) => ({
      name: action,
      actions: [{ ...actions[action], ...options.actions?.[action] }],
    })),
  };
};

export { GREENLIGHT_ACTIONS, greenlightPipelineScenario };
export type { GreenlightActionName, GreenlightAppSpec, GreenlightPipelineOptions };
