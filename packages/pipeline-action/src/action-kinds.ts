/** Which pipeline actions get enrichment, by their action type provider. */
const CODE_DEPLOY_PROVIDERS = new Set(['CodeDeployToECS', 'CodeDeploy']);

const isCodeDeployAction = (provider: string | undefined): boolean => CODE_DEPLOY_PROVIDERS.has(provider ?? '');

/** CodePipeline's Amazon ECS deploy action: on a native blue/green service it runs an ECS service deployment. */
const isEcsDeployAction = (provider: string | undefined): boolean => provider === 'ECS';

const isCodeBuildAction = (provider: string | undefined): boolean => provider === 'CodeBuild';

export { isCodeBuildAction, isCodeDeployAction, isEcsDeployAction };
