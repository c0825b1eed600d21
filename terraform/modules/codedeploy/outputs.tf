output "app_name" {
  description = "Name of the CodeDeploy application; null under the ECS controller."
  value       = try(aws_codedeploy_app.this[0].name, null)
}

output "app_arn" {
  description = "ARN of the CodeDeploy application; null under the ECS controller."
  value       = try(aws_codedeploy_app.this[0].arn, null)
}

output "deployment_group_name" {
  description = "Name of the deployment group; null under the ECS controller."
  value       = try(aws_codedeploy_deployment_group.this[0].deployment_group_name, null)
}

output "deployment_group_arn" {
  description = "ARN of the deployment group: the resource that hook, pipeline and action permissions are scoped to."
  value       = try(aws_codedeploy_deployment_group.this[0].arn, null)
}

output "deployment_config_name" {
  description = "Deployment configuration used by the deployment group."
  value       = try(aws_codedeploy_deployment_group.this[0].deployment_config_name, null)
}

output "service_role_arn" {
  description = "ARN of CodeDeploy's service role; null under the ECS controller."
  value       = try(aws_iam_role.this[0].arn, null)
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms that roll a deployment back: the deployment group's alarms, or under ECS the service's deployment alarms."
  value       = local.alarm_names
}
