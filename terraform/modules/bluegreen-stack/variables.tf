variable "name" {
  description = "Name of the application, prefixing every resource: 2-24 lowercase letters, digits and single hyphens between them, starting with a letter, not with internal-, sg-, sthree- or amzn-s3-demo-."
  type        = string

  # The strictest of the derived names' rules: the ECR repository (starts with a letter, at least 2), the load
  # balancer (no hyphen at either end, no "internal-"), its target groups (<name>-green within 32), security groups
  # (no "sg-") and the artifact bucket (no "sthree-" or "amzn-s3-demo-"). Every module validates its own part too.
  validation {
    condition = alltrue([
      can(regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", var.name)),
      length(var.name) >= 2 && length(var.name) <= 24,
      !anytrue([for prefix in ["internal-", "sg-", "sthree-", "amzn-s3-demo-"] : startswith(var.name, prefix)]),
    ])
    error_message = "name must be 2-24 lowercase letters, digits and single hyphens between them, starting with a letter and not with \"internal-\", \"sg-\", \"sthree-\" or \"amzn-s3-demo-\" (AWS's naming rules for the derived resources)."
  }
}

variable "github_repository" {
  description = "GitHub repository holding the application and its deploy workflow, as owner/name."
  type        = string
}

variable "github_branch" {
  description = "Branch the pipeline's source action reads when an execution names no commit."
  type        = string
  default     = "main"
}

variable "deploy_branches" {
  description = "Branches whose workflow runs may assume the deploy role (jobs without a GitHub environment). Any event running in the branch's context can present it; prefer deploy_environments."
  type        = list(string)
  default     = ["main"]
}

variable "deploy_environments" {
  description = "GitHub environments whose jobs may assume the deploy role: the environment's protection rules (required reviewers, allowed branches) then gate every deployment."
  type        = list(string)
  default     = []
}

variable "deploy_job_workflow_refs" {
  description = "Workflow files allowed to assume the deploy role (<owner>/<repo>/.github/workflows/<file>@refs/heads/<branch>); needs the repository's OIDC subject template customised (see the github-oidc module). Empty trusts repository and branch or environment only."
  type        = list(string)
  default     = []
}

variable "connection_arn" {
  description = "ARN of an existing CodeConnections connection to GitHub. Null creates one (completed once in the console)."
  type        = string
  default     = null
}

variable "create_github_oidc_provider" {
  description = "Create GitHub's OIDC identity provider; false reuses the one the account already has."
  type        = bool
  default     = true
}

variable "action_max_session_duration" {
  description = "Longest session of the deploy role in seconds; match it with configure-aws-credentials' role-duration-seconds."
  type        = number
  default     = 7200
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread over (2 or 3)."
  type        = number
  default     = 2
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper) instead of one per zone (survives a zone outage)."
  type        = bool
  default     = true
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name. Null serves plain HTTP: fine for a trial, not for production."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "Domain name of the application (pointing at the load balancer), used in the URLs and for TLS verification by the hooks. Required with certificate_arn (a plan-time error otherwise)."
  type        = string
  default     = null
}

variable "ingress_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed on the production listener."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "test_listener_port" {
  description = "Port of the test listener serving the replacement task set to the hooks."
  type        = number
  default     = 8443
}

variable "test_listener_extra_cidr_blocks" {
  description = "More private CIDR blocks allowed on the test listener besides the VPC and its NAT gateways (for example a VPN range to look at green before release): inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 or fc00::/7. Public sources need test_listener_public_cidr_blocks."
  type        = list(string)
  default     = []
}

variable "test_listener_public_cidr_blocks" {
  description = "Opt-in: public CIDR blocks allowed on the test listener, which serves unreleased code (for example an office's egress address, 203.0.113.10/32). At most a /16 (IPv4) or /48 (IPv6) each; the load-balancer module validates them."
  type        = list(string)
  default     = []
}

variable "access_logs_bucket" {
  description = "S3 bucket receiving the load balancer's access logs. Null disables them."
  type        = string
  default     = null
}

variable "enable_deletion_protection" {
  description = "Protect the load balancer from deletion and keep the ECR images and pipeline artifacts when destroying. False makes the whole stack destroyable: for throw-away environments."
  type        = bool
  default     = true
}

variable "initial_image" {
  description = "Image of the service until the first deployment. Null names <ECR repository>:initial, which does not exist: tasks fail to start (harmlessly) until the pipeline's first run deploys a real image."
  type        = string
  default     = null
}

variable "container_name" {
  description = "Name of the application container."
  type        = string
  default     = "app"
}

variable "container_port" {
  description = "Port the application listens on."
  type        = number
  default     = 8080
}

variable "container_user" {
  description = "User (uid or uid:gid) forced on the container; null keeps the image's USER."
  type        = string
  default     = null
}

variable "health_check_path" {
  description = "HTTP path answering 200 when a task is healthy."
  type        = string
  default     = "/health"
}

variable "environment" {
  description = "Plain environment variables of the application."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables of the application filled from Secrets Manager or SSM Parameter Store: name => ARN."
  type        = map(string)
  default     = {}
}

variable "task_role_policy_arns" {
  description = "Managed policies granting the application its own AWS permissions, keyed by a static label."
  type        = map(string)
  default     = {}
}

variable "cpu" {
  description = "Fargate CPU units per task."
  type        = number
  default     = 256
}

variable "memory" {
  description = "Fargate memory per task in MiB."
  type        = number
  default     = 512
}

variable "cpu_architecture" {
  description = "CPU architecture of the tasks: X86_64 or ARM64 (must match the image the build produces)."
  type        = string
  default     = "X86_64"
}

variable "min_capacity" {
  description = "Minimum (and initial) number of tasks."
  type        = number
  default     = 2
}

variable "max_capacity" {
  description = "Maximum number of tasks."
  type        = number
  default     = 6
}

variable "docker_build_context" {
  description = "Directory of the repository used as the docker build context."
  type        = string
  default     = "."
}

variable "dockerfile" {
  description = "Path of the Dockerfile relative to the repository root."
  type        = string
  default     = "Dockerfile"
}

variable "deployment_controller" {
  description = "Who runs the blue/green deployments, switching the whole stack: CODE_DEPLOY (CodeDeploy application and deployment group, CodeDeployToECS pipeline action) or ECS (Amazon ECS native blue/green: listener rules, lifecycle hooks, bake time, the pipeline's ECS deploy action)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "deployment_strategy" {
  description = "ECS controller only: BLUE_GREEN (all production traffic at once), LINEAR (linear_configuration) or CANARY (canary_configuration)."
  type        = string
  default     = "BLUE_GREEN"

  validation {
    condition     = contains(["BLUE_GREEN", "LINEAR", "CANARY"], var.deployment_strategy)
    error_message = "deployment_strategy must be BLUE_GREEN, LINEAR or CANARY."
  }
}

variable "bake_time_in_minutes" {
  description = "ECS controller only: minutes blue keeps running after all production traffic is on green (0-1440): the instant-rollback window."
  type        = number
  default     = 15

  validation {
    condition     = var.bake_time_in_minutes >= 0 && var.bake_time_in_minutes <= 1440 && floor(var.bake_time_in_minutes) == var.bake_time_in_minutes
    error_message = "bake_time_in_minutes must be a whole number of minutes from 0 to 1440."
  }
}

variable "linear_configuration" {
  description = "ECS controller, LINEAR strategy: step_percent (3-100) and step_bake_time_in_minutes; see the ecs-service module."
  type = object({
    step_percent              = optional(number, 10)
    step_bake_time_in_minutes = optional(number, 1)
  })
  default = {}
}

variable "canary_configuration" {
  description = "ECS controller, CANARY strategy: canary_percent (0.1-100) and canary_bake_time_in_minutes; the default matches the CODE_DEPLOY default (10% for 5 minutes)."
  type = object({
    canary_percent              = optional(number, 10)
    canary_bake_time_in_minutes = optional(number, 5)
  })
  default = {}
}

variable "deployment_alarm_names" {
  description = "ECS controller only: CloudWatch alarms that roll a deployment back when they fire during it (bake time included)."
  type        = list(string)
  default     = []
}

variable "deployment_config_name" {
  description = "CODE_DEPLOY controller only: CodeDeploy traffic-shifting configuration; the default moves 10% of production for 5 minutes under alarms, then the rest."
  type        = string
  default     = "CodeDeployDefault.ECSCanary10Percent5Minutes"
}

variable "termination_wait_time_in_minutes" {
  description = "CODE_DEPLOY controller only: minutes the previous task set keeps running after the switch: the instant-rollback window."
  type        = number
  default     = 15
}

variable "hooks" {
  description = "Lifecycle hooks keyed by CodeDeploy ECS event or (ECS controller) native lifecycle stage, each with its checks: see the lifecycle-hooks module's hooks variable for the fields. Under ECS an event key runs at the matching stage (AfterAllowTestTraffic: POST_TEST_TRAFFIC_SHIFT, BeforeAllowTraffic: PRE_PRODUCTION_TRAFFIC_SHIFT, AfterAllowTraffic: POST_PRODUCTION_TRAFFIC_SHIFT, BeforeInstall: PRE_SCALE_UP, AfterInstall: POST_SCALE_UP)."
  type        = any
  default = {
    AfterAllowTestTraffic = {
      checks = [{ name = "health", path = "/health" }]
    }
  }
}

variable "hook_runtime" {
  description = "Lambda runtime of the hooks: nodejs24.x or nodejs22.x."
  type        = string
  default     = "nodejs24.x"
}

variable "hook_reserved_concurrent_executions" {
  description = "Concurrency reserved for each hook function; null reserves none (required while the account's Lambda concurrency quota is the new-account 10)."
  type        = number
  default     = 2
}

variable "pipeline_execution_mode" {
  description = "Execution mode of the pipeline: QUEUED (default: every run deploys, in order), SUPERSEDED or PARALLEL."
  type        = string
  default     = "QUEUED"
}

variable "push_trigger_branches" {
  description = "Branches whose pushes start the pipeline by themselves; empty leaves starting to the GitHub Action."
  type        = list(string)
  default     = []
}

variable "pipeline_variables" {
  description = "Pipeline variables passed to the build (see the pipeline module)."
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
}

variable "log_retention_in_days" {
  description = "Days every log group of the stack keeps its events: one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  type        = number
  default     = 30

  # The modules it is passed to accept only these periods too; checking here names the stack's own variable.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for images, artifacts, logs and hook configuration. Null uses AWS managed keys. The key policy must let the services and log groups use it."
  type        = string
  default     = null
}

variable "production_colour" {
  description = "ECS controller only: the target group serving production when the native configuration is created, blue or green. blue for a new stack; when migrating from CODE_DEPLOY, the colour CodeDeploy's last deployment left the production listener on."
  type        = string
  default     = "blue"

  validation {
    condition     = contains(["blue", "green"], var.production_colour)
    error_message = "production_colour must be blue or green."
  }
}

variable "tags" {
  description = "Tags added to every resource of the stack."
  type        = map(string)
  default     = {}
}
