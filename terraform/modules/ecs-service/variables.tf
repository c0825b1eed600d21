variable "name" {
  description = "Name of the cluster, service, task definition family, log group, roles (<name>-ecs-execution, <name>-ecs-task, <name>-ecs-infra) and security group (<name>-tasks): 1-50 letters, digits, hyphens and underscores, starting with a letter or digit, not with sg-."
  type        = string

  # ECS names allow letters, digits, hyphens and underscores; IAM role names 64 characters (50 + "-ecs-execution");
  # CreateSecurityGroup rejects names starting with "sg-".
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$", var.name)) && !startswith(lower(var.name), "sg-")
    error_message = "name must be 1-50 letters, digits, hyphens or underscores, starting with a letter or digit and not with \"sg-\" (AWS's ECS, IAM role and security group name rules)."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the tasks run in."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks (no public IPs are assigned)."
  type        = list(string)
}

variable "load_balancer_security_group_id" {
  description = "Security group of the load balancer: the only source allowed to reach the tasks."
  type        = string
}

variable "load_balancer_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of the request-count scaling metrics."
  type        = string
}

variable "target_group_arns" {
  description = "ARNs of the target groups keyed by colour (\"blue\" and \"green\"); the service starts attached to blue."
  type        = map(string)

  validation {
    condition     = contains(keys(var.target_group_arns), "blue")
    error_message = "target_group_arns must have a \"blue\" key: the service starts attached to the blue target group."
  }
}

variable "deployment_controller" {
  description = "Who runs the blue/green deployments: CODE_DEPLOY (a CodeDeploy deployment group replaces the task set) or ECS (Amazon ECS native blue/green: listener rules, lifecycle hooks, bake time)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "deployment_strategy" {
  description = "Native blue/green strategy (deployment_controller ECS): BLUE_GREEN shifts all production traffic at once, LINEAR in equal steps (linear_configuration), CANARY a share first, then the rest (canary_configuration)."
  type        = string
  default     = "BLUE_GREEN"

  validation {
    condition     = contains(["BLUE_GREEN", "LINEAR", "CANARY"], var.deployment_strategy)
    error_message = "deployment_strategy must be BLUE_GREEN, LINEAR or CANARY."
  }
}

variable "bake_time_in_minutes" {
  description = "Minutes ECS keeps blue running after all production traffic is on green (deployment_controller ECS), during which an alarm still rolls back at once: 0-1440."
  type        = number
  default     = 5

  validation {
    condition     = var.bake_time_in_minutes >= 0 && var.bake_time_in_minutes <= 1440 && floor(var.bake_time_in_minutes) == var.bake_time_in_minutes
    error_message = "bake_time_in_minutes must be a whole number of minutes from 0 to 1440 (ECS's DeploymentConfiguration.bakeTimeInMinutes range)."
  }
}

variable "linear_configuration" {
  description = "LINEAR strategy: percentage of production traffic moved per step (3-100) and minutes between steps (0-1440)."
  type = object({
    step_percent              = optional(number, 10)
    step_bake_time_in_minutes = optional(number, 1)
  })
  default = {}

  validation {
    condition     = var.linear_configuration.step_percent >= 3 && var.linear_configuration.step_percent <= 100 && var.linear_configuration.step_bake_time_in_minutes >= 0 && var.linear_configuration.step_bake_time_in_minutes <= 1440
    error_message = "linear_configuration: step_percent must be from 3 to 100 and step_bake_time_in_minutes from 0 to 1440 (ECS's LinearConfiguration ranges)."
  }
}

variable "canary_configuration" {
  description = "CANARY strategy: percentage of production traffic sent to green first (0.1-100) and minutes before the rest follows (0-1440)."
  type = object({
    canary_percent              = optional(number, 10)
    canary_bake_time_in_minutes = optional(number, 5)
  })
  default = {}

  validation {
    condition     = var.canary_configuration.canary_percent >= 0.1 && var.canary_configuration.canary_percent <= 100 && var.canary_configuration.canary_bake_time_in_minutes >= 0 && var.canary_configuration.canary_bake_time_in_minutes <= 1440
    error_message = "canary_configuration: canary_percent must be from 0.1 to 100 and canary_bake_time_in_minutes from 0 to 1440 (ECS's CanaryConfiguration ranges)."
  }
}

variable "lifecycle_hooks" {
  description = "Native lifecycle hooks (deployment_controller ECS), keyed by a static label: the Lambda function ARN and the lifecycle stages ECS invokes it at."
  type = map(object({
    function_arn     = string
    lifecycle_stages = list(string)
  }))
  default = {}

  # The stages a hook may be registered for (ECS API reference, DeploymentLifecycleHook.lifecycleStages).
  validation {
    condition = alltrue([for hook in values(var.lifecycle_hooks) : length(hook.lifecycle_stages) > 0 && alltrue([
      for stage in hook.lifecycle_stages : contains(["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"], stage)
    ])])
    error_message = "lifecycle_hooks: every hook needs at least one lifecycle stage, each one of RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT or POST_PRODUCTION_TRAFFIC_SHIFT."
  }
}

variable "lifecycle_hook_role_arn" {
  description = "ARN of the role ECS assumes to invoke the lifecycle hook functions (deployment_controller ECS with lifecycle_hooks)."
  type        = string
  default     = null
}

variable "deployment_alarm_names" {
  description = "CloudWatch alarms that roll a native deployment back when they fire during it (deployment_controller ECS)."
  type        = list(string)
  default     = []
}

variable "listener_rule_arns" {
  description = "ARNs of the forward-only listener rules keyed \"production\" and \"test\", whose weights ECS moves between the target groups (deployment_controller ECS)."
  type        = map(string)
  default     = {}
}

variable "target_group_arn_suffixes" {
  description = "ARN suffixes of the target groups keyed by colour, the TargetGroup dimensions of the request-count scaling metrics."
  type        = map(string)
  default     = {}

  # The colours name the metrics of the request-count policy's metric math, whose ids CloudWatch restricts.
  validation {
    condition     = alltrue([for colour in keys(var.target_group_arn_suffixes) : can(regex("^[a-z][a-zA-Z0-9_]*$", colour))])
    error_message = "target_group_arn_suffixes keys must start with a lowercase letter and hold only letters, digits and underscores (for example \"blue\" and \"green\")."
  }
}

variable "ecr_repository_arn" {
  description = "ARN of the ECR repository the tasks pull their image from; the execution role may pull from it only."
  type        = string
}

variable "ecr_kms_key_arn" {
  description = "ARN of the customer managed KMS key of the ECR repository, if any, so the execution role can decrypt layers."
  type        = string
  default     = null
}

variable "image" {
  description = "Image of the initial task definition. Every deployment (CodeDeploy's, or the pipeline's ECS deploy action) registers a new revision, so this matters only until the first one."
  type        = string
}

variable "image_placeholder" {
  description = "Placeholder name written instead of the image in the task definition template (CodeDeployToECS's Image1ContainerName)."
  type        = string
  default     = "IMAGE1_NAME"
}

variable "container_name" {
  description = "Name of the application container."
  type        = string
  default     = "app"
}

variable "container_port" {
  description = "Port the application container listens on."
  type        = number
}

variable "container_user" {
  description = "User (\"uid\" or \"uid:gid\") the container runs as. Null keeps the image's USER; set it to force a non-root user."
  type        = string
  default     = null

  validation {
    condition     = var.container_user == null ? true : can(regex("^[0-9]+(:[0-9]+)?$", var.container_user)) && split(":", var.container_user)[0] != "0"
    error_message = "container_user must be a non-root \"uid\" or \"uid:gid\" (for example \"1000:1000\"); uid 0 is root."
  }
}

variable "container_command" {
  description = "Command overriding the image's CMD. Null keeps the image's."
  type        = list(string)
  default     = null
}

variable "readonly_root_filesystem" {
  description = "Mount the container's root filesystem read-only (a writable /tmp volume is always provided)."
  type        = bool
  default     = true
}

variable "environment" {
  description = "Plain environment variables of the container. Put secrets in `secrets` instead."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables filled from Secrets Manager secrets or SSM parameters: name => ARN. The execution role may read exactly these."
  type        = map(string)
  default     = {}
}

variable "cpu" {
  description = "Fargate task CPU units (256, 512, 1024, 2048, 4096, 8192 or 16384)."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be one of Fargate's sizes: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  description = "Fargate task memory in MiB, valid for the chosen cpu."
  type        = number
  default     = 512
}

variable "cpu_architecture" {
  description = "CPU architecture of the tasks: X86_64 or ARM64 (must match the image)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "desired_count" {
  description = "Initial number of tasks. Auto scaling owns the count afterwards."
  type        = number
  default     = 2
}

variable "health_check_grace_period_seconds" {
  description = "Seconds ECS ignores load balancer health checks after a task starts."
  type        = number
  default     = 30
}

variable "container_insights" {
  description = "Container Insights level of the cluster: enhanced, enabled or disabled."
  type        = string
  default     = "enhanced"

  validation {
    condition     = contains(["enhanced", "enabled", "disabled"], var.container_insights)
    error_message = "container_insights must be one of enhanced, enabled or disabled."
  }
}

variable "log_retention_in_days" {
  description = "Days the container log group keeps its events: one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  type        = number
  default     = 30

  # CloudWatch Logs accepts only these periods (anything else fails at apply); 0, "never expire", is not offered.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days."
  }
}

variable "kms_key_arn" {
  description = "ARN of a KMS key encrypting the container log group. Null uses CloudWatch Logs' own encryption."
  type        = string
  default     = null
}

variable "egress_https_cidr_blocks" {
  description = "Destinations the tasks may reach on HTTPS (443): ECR, CloudWatch Logs and AWS APIs through the NAT gateway. Narrow it when VPC endpoints serve these."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "task_role_policy_arns" {
  description = "Managed policies attached to the task role (what the application may call), keyed by a static label."
  type        = map(string)
  default     = {}
}

variable "autoscaling_min_capacity" {
  description = "Minimum number of tasks."
  type        = number
  default     = 2
}

variable "autoscaling_max_capacity" {
  description = "Maximum number of tasks."
  type        = number
  default     = 6
}

variable "autoscaling_cpu_target" {
  description = "Average CPU utilisation (percent) the service scales to keep."
  type        = number
  default     = 60

  validation {
    condition     = var.autoscaling_cpu_target > 0 && var.autoscaling_cpu_target <= 100
    error_message = "autoscaling_cpu_target must be a percentage above 0 and at most 100."
  }
}

variable "autoscaling_memory_target" {
  description = "Average memory utilisation (percent) the service scales to keep."
  type        = number
  default     = 75

  validation {
    condition     = var.autoscaling_memory_target > 0 && var.autoscaling_memory_target <= 100
    error_message = "autoscaling_memory_target must be a percentage above 0 and at most 100."
  }
}

variable "enable_request_count_scaling" {
  description = "Also scale on requests per healthy target, summed over both target groups with metric math (needs target_group_arn_suffixes). ALBRequestCountPerTarget is not used: AWS does not support it for blue/green services."
  type        = bool
  default     = true
}

variable "autoscaling_requests_per_target" {
  description = "Requests per healthy target per minute, over both target groups, the service scales to keep."
  type        = number
  default     = 1000
}

variable "autoscaling_scale_in_cooldown" {
  description = "Seconds between scale-in activities."
  type        = number
  default     = 300
}

variable "autoscaling_scale_out_cooldown" {
  description = "Seconds between scale-out activities."
  type        = number
  default     = 60
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
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
