variable "name" {
  description = "Name of the CodeDeploy application, deployment group, alarms and service role (<name>-codedeploy): 1-53 letters, digits and _+=,.@-."
  type        = string

  # IAM role names allow 64 characters of [\w+=,.@-] (53 + "-codedeploy"); application, group and alarm names fit.
  validation {
    condition     = can(regex("^[A-Za-z0-9_+=,.@-]{1,53}$", var.name))
    error_message = "name must be 1-53 letters, digits or _+=,.@- (the service role <name>-codedeploy must fit IAM's 64 characters)."
  }
}

variable "cluster_name" {
  description = "Name of the ECS cluster of the service."
  type        = string
}

variable "service_name" {
  description = "Name of the ECS service (with the CODE_DEPLOY deployment controller)."
  type        = string
}

variable "production_listener_arn" {
  description = "ARN of the listener serving production traffic."
  type        = string
}

variable "test_listener_arn" {
  description = "ARN of the test listener that serves the replacement task set before release."
  type        = string
}

variable "execution_role_arn" {
  description = "ARN of the task execution role of the service's task definitions; CodeDeploy's role may pass it (and task_role_arn) to ECS only."
  type        = string

  validation {
    condition     = can(regex("^arn:[^:]+:iam::[0-9]{12}:role/", var.execution_role_arn))
    error_message = "execution_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "task_role_arn" {
  description = "ARN of the task role of the service's task definitions, which CodeDeploy's role passes to ECS with the replacement task set."
  type        = string

  validation {
    condition     = can(regex("^arn:[^:]+:iam::[0-9]{12}:role/", var.task_role_arn))
    error_message = "task_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "target_group_names" {
  description = "Names of the two target groups keyed by colour (\"blue\", \"green\")."
  type        = map(string)

  validation {
    condition     = alltrue([for colour in ["blue", "green"] : contains(keys(var.target_group_names), colour)])
    error_message = "target_group_names must have both a \"blue\" and a \"green\" key."
  }
}

variable "target_group_arn_suffixes" {
  description = "ARN suffixes of the two target groups keyed by colour (\"blue\", \"green\"), the TargetGroup dimension of the alarms."
  type        = map(string)

  # The keys name the alarms (<name>-<colour>-target-5xx).
  validation {
    condition     = alltrue([for colour in keys(var.target_group_arn_suffixes) : contains(["blue", "green"], colour)])
    error_message = "target_group_arn_suffixes must be keyed by \"blue\" and \"green\" only."
  }
}

variable "load_balancer_arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of the alarms."
  type        = string
}

variable "deployment_config_name" {
  description = "How production traffic moves to the replacement. The default sends 10% for 5 minutes, under the alarms, before the rest: a bad release reaches few users and is rolled back automatically. CodeDeployDefault.ECSAllAtOnce is faster for throw-away environments; ECSLinear10PercentEvery1Minutes and the other canary/linear configs are valid too."
  type        = string
  default     = "CodeDeployDefault.ECSCanary10Percent5Minutes"
}

variable "termination_wait_time_in_minutes" {
  description = "Minutes the original task set keeps running after all traffic moved: the window for an instant rollback (0-2880)."
  type        = number
  default     = 15

  validation {
    condition     = var.termination_wait_time_in_minutes >= 0 && var.termination_wait_time_in_minutes <= 2880
    error_message = "termination_wait_time_in_minutes must be between 0 and 2880."
  }
}

variable "manual_approval_wait_minutes" {
  description = "When above 0, CodeDeploy waits this many minutes (at most 2880) after the replacement is ready for someone to continue the deployment (and stops it otherwise). 0 continues automatically."
  type        = number
  default     = 0

  validation {
    condition     = var.manual_approval_wait_minutes >= 0 && var.manual_approval_wait_minutes <= 2880
    error_message = "manual_approval_wait_minutes must be between 0 (continue automatically) and 2880."
  }
}

variable "alarm_5xx_threshold" {
  description = "Target 5xx responses within one minute that roll a deployment back (at least 1)."
  type        = number
  default     = 5

  validation {
    condition     = var.alarm_5xx_threshold >= 1 && floor(var.alarm_5xx_threshold) == var.alarm_5xx_threshold
    error_message = "alarm_5xx_threshold must be a whole number of 5xx responses, at least 1."
  }
}

variable "additional_alarm_names" {
  description = "Names of further CloudWatch alarms (for example application metrics) that roll a deployment back. The deployment group takes 10 alarms, 4 of which this module creates."
  type        = list(string)
  default     = []
}

variable "deployment_controller" {
  description = "Deployment controller of the service: CODE_DEPLOY (the application, deployment group and service role are created) or ECS (only the alarms, for the service's native deployments to roll back on)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
