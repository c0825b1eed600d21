/** Which pipeline actions get enrichment, by their action type provider. */
const CodeDeployProviders = new Set(['CodeDeployToECS', 'CodeDeploy']);

const isCodeDeployAction = (provider: string | undefined): boolean => CodeDeployProviders.has(provider ?? '');

const isCodeBuildAction = (provider: string | undefined): boolean => provider === 'CodeBuild';

export { isCodeBuildAction, isCodeDeployAction };
