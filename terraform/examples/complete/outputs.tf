output "app_url" {
  description = "URL of the application."
  value       = module.stack.app_url
}

output "test_url" {
  description = "URL of the test listener (reachable from inside the VPC only)."
  value       = module.stack.test_url
}

output "pipeline_name" {
  description = "Pipeline name: the PIPELINE_NAME repository variable of the deploy workflow."
  value       = module.stack.pipeline_name
}

output "ecr_repository_url" {
  description = "ECR repository the pipeline pushes to."
  value       = module.stack.ecr_repository_url
}

output "action_role_arn" {
  description = "Role the deploy workflow assumes: the AWS_ROLE_ARN repository variable."
  value       = module.stack.action_role_arn
}

output "connection_arn" {
  description = "CodeConnections connection to complete once in the console."
  value       = module.stack.connection_arn
}

output "connection_status" {
  description = "PENDING until the console handshake is done, then AVAILABLE (after a refresh)."
  value       = module.stack.connection_status
}
