output "function_names" {
  description = "Hook function names keyed by lifecycle event (CODE_DEPLOY: the Hooks section of appspec.yaml) or lifecycle stage (ECS)."
  value       = { for event, function in aws_lambda_function.this : event => function.function_name }
}

output "function_arns" {
  description = "Hook function ARNs keyed by lifecycle event."
  value       = { for event, function in aws_lambda_function.this : event => function.arn }
}

output "role_arn" {
  description = "ARN of the functions' execution role."
  value       = aws_iam_role.this.arn
}

output "security_group_id" {
  description = "ID of the functions' security group; null when they run outside a VPC."
  value       = try(aws_security_group.this[0].id, null)
}

output "dead_letter_queue_arn" {
  description = "ARN of the queue receiving invocations that failed every attempt."
  value       = aws_sqs_queue.dead_letter.arn
}

output "log_group_names" {
  description = "Log group names keyed by lifecycle event."
  value       = { for event, group in aws_cloudwatch_log_group.this : event => group.name }
}

output "log_group_arns" {
  description = "Log group ARNs keyed by lifecycle event, for roles that read the hooks' decisions."
  value       = { for event, group in aws_cloudwatch_log_group.this : event => group.arn }
}

output "configs" {
  description = "GREENLIGHT_CONFIG of each function keyed by lifecycle event, as JSON."
  value       = { for event, config in local.hook_configs : event => jsonencode(config) }
  sensitive   = true
}

output "invocation_role_arn" {
  description = "ARN of the role ECS assumes to invoke the hooks (the service's lifecycle_hook role_arn); null under CODE_DEPLOY."
  value       = try(aws_iam_role.invocation[0].arn, null)
}

output "lifecycle_hooks" {
  description = "The hooks as the ecs-service module's lifecycle_hooks input: function ARN and the lifecycle stage it is registered for, keyed by stage; empty under CODE_DEPLOY."
  value       = local.code_deploy ? {} : { for stage, function in aws_lambda_function.this : stage => { function_arn = function.arn, lifecycle_stages = [stage] } }
}
