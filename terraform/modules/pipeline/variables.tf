variable "name" {
  description = "Name of the pipeline, build project (<name>-build), roles (<name>-codebuild, <name>-codepipeline), connection and artifact bucket prefix: 1-51 letters, digits and inner hyphens, not starting with sthree- or amzn-s3-demo-."
  type        = string

  # IAM role names: 64 characters (51 + "-codepipeline"); the artifact bucket starts with the lowercased name, and
  # S3 bucket names allow only lowercase letters, digits, dots and hyphens, with reserved prefixes.
  validation {
    condition     = can(regex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", var.name)) && length(var.name) <= 51 && !startswith(lower(var.name), "sthree-") && !startswith(lower(var.name), "amzn-s3-demo-")
    error_message = "name must be 1-51 letters, digits and single hyphens between them, not starting with \"sthree-\" or \"amzn-s3-demo-\" (AWS's IAM role and S3 bucket name rules)."
  }
}

variable "repository" {
  description = "GitHub repository the pipeline builds, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name, for example octo-org/web-app."
  }
}

variable "branch" {
  description = "Branch the source action reads when an execution does not name a commit (the GitHub Action pins its own commit)."
  type        = string
  default     = "main"
}

variable "create_connection" {
  description = "Create the CodeConnections connection to GitHub (completed once in the console). False reuses connection_arn."
  type        = bool
  default     = true
}

variable "connection_arn" {
  description = "ARN of an existing, available CodeConnections connection; used when create_connection is false."
  type        = string
  default     = null
}

variable "ecr_repository_url" {
  description = "URL of the ECR repository the build pushes to (registry/name)."
  type        = string
}

variable "ecr_repository_name" {
  description = "Name of the ECR repository the build pushes to."
  type        = string
}

variable "ecr_repository_arn" {
  description = "ARN of the ECR repository: the build may push to this repository only."
  type        = string
}

variable "docker_build_context" {
  description = "Directory of the repository used as the docker build context."
  type        = string
  default     = "."
}

variable "dockerfile" {
  description = "Path of the Dockerfile, relative to the repository root."
  type        = string
  default     = "Dockerfile"
}

variable "build_image" {
  description = "CodeBuild image running the build (it needs docker and the AWS CLI)."
  type        = string
  default     = "aws/codebuild/amazonlinux-x86_64-standard:5.0"
}

variable "build_compute_type" {
  description = "CodeBuild compute type."
  type        = string
  default     = "BUILD_GENERAL1_SMALL"
}

variable "build_timeout_in_minutes" {
  description = "Minutes after which a build is stopped."
  type        = number
  default     = 30

  validation {
    condition     = var.build_timeout_in_minutes >= 5 && var.build_timeout_in_minutes <= 2160 && floor(var.build_timeout_in_minutes) == var.build_timeout_in_minutes
    error_message = "build_timeout_in_minutes must be a whole number from 5 to 2160 (CodeBuild's range)."
  }
}

variable "task_definition_template" {
  description = "Task definition JSON with the image replaced by <image_placeholder>, written as taskdef.json (the ecs-service module's task_definition_template output)."
  type        = string
}

variable "task_definition_family" {
  description = "Family of the task definition (the ecs-service module's task_definition_family output): the pipeline may register revisions of this family only."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.task_definition_family))
    error_message = "task_definition_family must be 1-255 letters, digits, hyphens or underscores (ECS's family rule)."
  }
}

variable "image_placeholder" {
  description = "Placeholder name standing for the image in the task definition template (CodeDeployToECS Image1ContainerName)."
  type        = string
  default     = "IMAGE1_NAME"
}

variable "container_name" {
  description = "Container receiving load balancer traffic, written into appspec.yaml."
  type        = string
}

variable "container_port" {
  description = "Port of that container, written into appspec.yaml."
  type        = number
}

variable "network_configuration" {
  description = "Subnets, security groups and public-IP setting of the replacement task sets, written into appspec.yaml (the ecs-service module's network_configuration output), so each deployment applies network changes the service itself ignores. Null leaves it out: CodeDeploy then reuses the service's current settings."
  type = object({
    subnets          = list(string)
    security_groups  = list(string)
    assign_public_ip = optional(bool, false)
  })
  default = null

  # The AppSpec takes all of NetworkConfiguration or none of it.
  validation {
    condition     = var.network_configuration == null ? true : length(var.network_configuration.subnets) > 0 && length(var.network_configuration.security_groups) > 0
    error_message = "network_configuration needs at least one subnet and one security group (or null to keep the service's current network settings)."
  }
}

variable "task_role_arn" {
  description = "ARN of the task role; the pipeline may pass it (and the execution role) to ECS only."
  type        = string
}

variable "execution_role_arn" {
  description = "ARN of the task execution role."
  type        = string
}

variable "hook_function_names" {
  description = "Lifecycle hook function names keyed by event, written into appspec.yaml's Hooks in lifecycle order."
  type        = map(string)
  default     = {}
}

variable "deployment_controller" {
  description = "Deployment controller of the service: CODE_DEPLOY (the Deploy stage is CodeDeployToECS with taskdef.json and appspec.yaml) or ECS (CodePipeline's ECS deploy action with imagedefinitions.json, starting a native blue/green deployment)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "cluster_name" {
  description = "Name of the ECS cluster of the service (ECS only: the ECS deploy action's ClusterName)."
  type        = string
  default     = null
}

variable "service_name" {
  description = "Name of the ECS service (ECS only: the ECS deploy action's ServiceName)."
  type        = string
  default     = null
}

variable "codedeploy_app_name" {
  description = "Name of the CodeDeploy application (CODE_DEPLOY only)."
  type        = string
  default     = null
}

variable "codedeploy_deployment_group_name" {
  description = "Name of the CodeDeploy deployment group (CODE_DEPLOY only)."
  type        = string
  default     = null
}

variable "codedeploy_deployment_group_arn" {
  description = "ARN of the CodeDeploy deployment group the pipeline may deploy through (CODE_DEPLOY only)."
  type        = string
  default     = null
}

variable "codedeploy_deployment_config_name" {
  description = "Deployment configuration of the deployment group, which the pipeline reads (CODE_DEPLOY only)."
  type        = string
  default     = null
}

variable "execution_mode" {
  description = "How executions share the pipeline: QUEUED (one at a time, in order: every commit is deployed), SUPERSEDED (a newer run replaces an older one) or PARALLEL."
  type        = string
  default     = "QUEUED"

  validation {
    condition     = contains(["QUEUED", "SUPERSEDED", "PARALLEL"], var.execution_mode)
    error_message = "execution_mode must be QUEUED, SUPERSEDED or PARALLEL."
  }
}

variable "push_trigger_branches" {
  description = "Branches whose pushes start the pipeline by themselves. Empty (the default) leaves starting to the GitHub Action."
  type        = list(string)
  default     = []
}

variable "pipeline_variables" {
  description = "Pipeline-level variables (set per execution, e.g. by the GitHub Action's variables input) passed to the build as environment variables of the same name."
  type = list(object({
    name          = string
    default_value = optional(string)
    description   = optional(string)
  }))
  default = [
    {
      name          = "TRIGGERED_BY"
      default_value = "manual"
      description   = "Who or what started the execution, e.g. the GitHub workflow run URL."
    },
  ]

  validation {
    condition     = alltrue([for variable in var.pipeline_variables : can(regex("^[A-Za-z0-9@_-]{1,128}$", variable.name))])
    error_message = "pipeline_variables: each name must be 1-128 letters, digits, @, - or _."
  }
}

variable "artifact_retention_days" {
  description = "Days pipeline artifacts are kept in the artifact bucket."
  type        = number
  default     = 30

  validation {
    condition     = var.artifact_retention_days >= 1 && floor(var.artifact_retention_days) == var.artifact_retention_days
    error_message = "artifact_retention_days must be a whole number of days, at least 1."
  }
}

variable "artifact_bucket_force_destroy" {
  description = "Let Terraform delete the artifact bucket with its objects. Turn on only for throw-away environments."
  type        = bool
  default     = false
}

variable "access_log_bucket" {
  description = "Name of an S3 bucket receiving the artifact bucket's server access logs. Null disables them."
  type        = string
  default     = null
}

variable "log_retention_in_days" {
  description = "Days the build log group keeps its events: one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  type        = number
  default     = 30

  # CloudWatch Logs accepts only these periods (anything else fails at apply); 0, "never expire", is not offered.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key for artifacts, build output and logs. Null uses AWS managed keys."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
