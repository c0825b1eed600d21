variable "name" {
  description = "Name of the IAM role the GitHub Action assumes: 1-64 letters, digits and _+=,.@-."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_+=,.@-]{1,64}$", var.name))
    error_message = "name must be 1-64 letters, digits or _+=,.@- (IAM's role name rules)."
  }
}

variable "create_oidc_provider" {
  description = "Create GitHub's OIDC identity provider. An account holds it once: set false to reuse an existing one."
  type        = bool
  default     = true
}

variable "repository" {
  description = "GitHub repository allowed to assume the role, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name without wildcards, for example octo-org/web-app."
  }
}

variable "branches" {
  description = "Branches whose workflow runs may assume the role (jobs without an environment). Any event running in a branch's context presents its subject (push, workflow_dispatch, schedule, workflow_run, pull_request_target on the default branch): prefer environments."
  type        = list(string)
  default     = ["main"]

  validation {
    condition     = alltrue([for branch in var.branches : can(regex("^[^*?]+$", branch))])
    error_message = "branches must be exact branch names: wildcards would let any matching branch deploy."
  }
}

variable "environments" {
  description = "GitHub environments whose jobs may assume the role (a job with an environment presents it instead of the branch). The safer choice: an environment's protection rules (required reviewers, allowed branches) gate every job that uses it, whatever event started the workflow."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for environment in var.environments : can(regex("^[^*?]+$", environment))])
    error_message = "environments must be exact environment names: wildcards would let any matching environment deploy."
  }
}

variable "job_workflow_refs" {
  description = "Workflow files allowed to assume the role, as GitHub's job_workflow_ref claim writes them (<owner>/<repo>/.github/workflows/<file>@refs/heads/<branch>). Empty trusts the default subject (repository and branch or environment). Non-empty pins them in the subject, which works only after the repository's OIDC subject template is customised to include repo, context and job_workflow_ref (see the README): that changes the subject of every workflow of the repository."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for workflow in var.job_workflow_refs : can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/\\.github/workflows/[^@*?]+\\.ya?ml@refs/(heads|tags)/[^*?]+$", workflow))])
    error_message = "job_workflow_refs must be exact workflow references like octo-org/web-app/.github/workflows/deploy.yml@refs/heads/main, without wildcards."
  }
}

variable "max_session_duration" {
  description = "Longest session in seconds (3600-43200). Deployments with a canary and a rollback window outlast the default hour; raise configure-aws-credentials' role-duration-seconds to match."
  type        = number
  default     = 7200

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be between 3600 and 43200 seconds."
  }
}

variable "pipeline_name" {
  description = "Name of the pipeline, for the role's description."
  type        = string
}

variable "pipeline_arn" {
  description = "ARN of the pipeline the role may start, follow and stop."
  type        = string
}

variable "deployment_controller" {
  description = "Deployment controller of the service the action follows: CODE_DEPLOY (CodeDeploy deployments of deployment_group_arn) or ECS (native service deployments of cluster_name/service_name)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "deployment_group_arn" {
  description = "ARN of the CodeDeploy deployment group whose deployments the role may read (CODE_DEPLOY only)."
  type        = string
  default     = null
}

variable "cluster_name" {
  description = "Name of the ECS cluster of the service whose native deployments the role may follow and roll back (ECS only)."
  type        = string
  default     = null
}

variable "service_name" {
  description = "Name of the ECS service whose native deployments the role may follow and roll back (ECS only)."
  type        = string
  default     = null
}

variable "codebuild_project_arn" {
  description = "ARN of the CodeBuild project whose builds the role may read."
  type        = string
}

variable "build_log_group_arn" {
  description = "ARN of the build log group whose events the role may read (to show why a build failed)."
  type        = string
}

variable "hook_log_group_arns" {
  description = "ARNs of the lifecycle hook functions' log groups (/aws/lambda/<function>) the role may search with logs:FilterLogEvents, to show why a hook failed a deployment. Empty: no such permission."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.hook_log_group_arns : can(regex("^arn:[^:]+:logs:[^:]+:[0-9]{12}:log-group:/aws/lambda/[^:*?]+$", arn))])
    error_message = "hook_log_group_arns must be exact log group ARNs of Lambda functions (arn:aws:logs:<region>:<account>:log-group:/aws/lambda/<function>), without wildcards."
  }
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
