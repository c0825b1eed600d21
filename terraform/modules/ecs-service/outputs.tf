output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_name" {
  description = "Name of the ECS service."
  value       = local.service.name
}

output "service_arn" {
  description = "ARN of the ECS service."
  value       = local.service.id
}

output "task_definition_family" {
  description = "Family of the task definition; every deployment registers a new revision of it."
  value       = aws_ecs_task_definition.this.family
}

output "initial_task_definition_arn" {
  description = "ARN of the task definition Terraform registered (deployments register newer revisions)."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_template" {
  description = "Task definition as JSON with the image replaced by <IMAGE1_NAME>-style placeholder: the taskdef.json of CodeDeployToECS."
  value       = jsonencode(local.task_definition_template)
}

output "container_name" {
  description = "Name of the application container."
  value       = var.container_name
}

output "container_port" {
  description = "Port of the application container."
  value       = var.container_port
}

output "image_placeholder" {
  description = "Placeholder name standing for the image in the task definition template."
  value       = var.image_placeholder
}

output "execution_role_arn" {
  description = "ARN of the task execution role (image pull, logs)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role (the application's own permissions)."
  value       = aws_iam_role.task.arn
}

output "security_group_id" {
  description = "ID of the tasks' security group."
  value       = aws_security_group.this.id
}

output "log_group_name" {
  description = "Name of the container log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "autoscaling_policy_arns" {
  description = "ARNs of the auto scaling policies, keyed by metric (cpu, memory and, with request-count scaling, requests)."
  value       = { for metric, policy in aws_appautoscaling_policy.this : metric => policy.arn }
}

output "network_configuration" {
  description = "Subnets, security groups and public-IP setting of the tasks: the AppSpec's NetworkConfiguration, through which deployments apply changes (the service ignores them after creation)."
  value       = local.network_configuration
}

output "deployment_controller" {
  description = "Deployment controller of the service: CODE_DEPLOY or ECS."
  value       = var.deployment_controller
}

output "infrastructure_role_arn" {
  description = "ARN of the role ECS assumes to move traffic between the target groups; null under CODE_DEPLOY."
  value       = try(aws_iam_role.infrastructure[0].arn, null)
}
