import { warning } from '@actions/core';
import { getOctokit } from '@actions/github';
import type { GitHubDeploymentInputs } from './inputs.js';
import type { ExecutionContext } from './execution-context.js';
import { outcomes, type Outcome, outcomeRow, type DeploymentState } from './outcome.js';
import type { WorkflowRun } from './workflow-run.js';

const REQUEST_TIMEOUT_MS = 10_000;

interface DeploymentTarget {
  readonly owner: string;
  readonly repo: string;
  readonly deploymentId: number;
}

/**
 * A GitHub deployment for the workflow's commit that mirrors the pipeline execution: in_progress while it runs,
 * then success, failure or inactive, linking the execution and the environment. GitHub being unreachable or
 * refusing (token permissions) is a warning: it never changes the step's outcome.
 */
class GitHubDeployment {
  readonly #octokit: ReturnType<typeof getOctokit>;
  readonly #config: GitHubDeploymentInputs;
  readonly #target: DeploymentTarget;
  readonly #executionUrl: string;

  private constructor(config: GitHubDeploymentInputs, target: DeploymentTarget, executionUrl: string) {
    this.#octokit = getOctokit(config.token);
    this.#config = config;
    this.#target = target;
    this.#executionUrl = executionUrl;
  }

  static async create(
    config: GitHubDeploymentInputs,
    run: WorkflowRun,
    { pipelineName, executionUrl }: ExecutionContext,
  ): Promise<GitHubDeployment | undefined> {
    const [owner, repo] = (run.repository ?? '').split('/');
    if (owner === undefined || repo === undefined || run.sha === undefined) {
      warning('GitHub deployment skipped: GITHUB_REPOSITORY and GITHUB_SHA are needed to create one.');
      return undefined;
    }
    try {
      const octokit = getOctokit(config.token);
      const created = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: run.sha,
        environment: config.environment,
        auto_merge: false,
        required_contexts: [],
        description: `CodePipeline ${pipelineName}`,
        request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      });
      if (!('id' in created.data)) {
        warning(`GitHub deployment not created: ${created.data.message ?? 'GitHub answered without a deployment'}.`);
        return undefined;
      }
      const deployment = new GitHubDeployment(config, { owner, repo, deploymentId: created.data.id }, executionUrl);
      await deployment.update(outcomes.Started, `Pipeline ${pipelineName} is running`);
      return deployment;
    } catch (error) {
      warning(`GitHub deployment not created (${(error as Error).message}); give the job 'deployments: write'.`);
      return undefined;
    }
  }

  update(outcome: Outcome, description: string): Promise<void> {
    return this.#post(outcomeRow(outcome).deploymentState, description);
  }

  /** The step failed before the execution's outcome was known (an AWS error). */
  error(description: string): Promise<void> {
    return this.#post('error', description);
  }

  async #post(state: DeploymentState, description: string): Promise<void> {
    try {
      await this.#octokit.rest.repos.createDeploymentStatus({
        owner: this.#target.owner,
        repo: this.#target.repo,
        deployment_id: this.#target.deploymentId,
        state,
        log_url: this.#executionUrl,
        description: description.slice(0, 140),
        ...(this.#config.environmentUrl === undefined ? {} : { environment_url: this.#config.environmentUrl }),
        request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
      });
    } catch (error) {
      warning(`GitHub deployment status not updated (${(error as Error).message}).`);
    }
  }
}

export { GitHubDeployment };
