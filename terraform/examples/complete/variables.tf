variable "region" {
  description = "AWS region to deploy the example to."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Name of the example application; prefixes every resource."
  type        = string
  default     = "greenlight-example"
}

variable "github_repository" {
  description = "Your fork of greenlight (owner/name): the pipeline builds terraform/examples/complete/app from it and its workflow deploys."
  type        = string
}

variable "github_branch" {
  description = "Branch that deploys."
  type        = string
  default     = "main"
}

variable "github_environment" {
  description = "GitHub environment of the deploy job (environment: in deploy-workflow.yml); the only subject the deploy role trusts. Create it in the fork with required reviewers and main as its only deployment branch."
  type        = string
  default     = "production"
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name in the same region. Null serves plain HTTP, acceptable for this throw-away example only."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Domain name pointing at the load balancer (needed with certificate_arn)."
  type        = string
  default     = null
}

variable "deployment_controller" {
  description = "Who runs the deployments: CODE_DEPLOY (CodeDeploy, the default) or ECS (Amazon ECS native blue/green)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "deployment_config_name" {
  description = "CodeDeploy traffic shifting. The example keeps the production default: 10% for 5 minutes under alarms, then all."
  type        = string
  default     = "CodeDeployDefault.ECSCanary10Percent5Minutes"
}

variable "termination_wait_time_in_minutes" {
  description = "Minutes the previous version keeps running after the switch (instant rollback window); short for the example."
  type        = number
  default     = 5
}
