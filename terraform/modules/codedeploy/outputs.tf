output "app_name" {
  description = "Name of the CodeDeploy application."
  value       = aws_codedeploy_app.this.name
}

output "app_arn" {
  description = "ARN of the CodeDeploy application."
  value       = aws_codedeploy_app.this.arn
}

output "deployment_group_name" {
  description = "Name of the deployment group."
  value       = aws_codedeploy_deployment_group.this.deployment_group_name
}

output "deployment_group_arn" {
  description = "ARN of the deployment group: the resource that hook, pipeline and action permissions are scoped to."
  value       = aws_codedeploy_deployment_group.this.arn
}

output "deployment_config_name" {
  description = "Deployment configuration used by the deployment group."
  value       = aws_codedeploy_deployment_group.this.deployment_config_name
}

output "service_role_arn" {
  description = "ARN of CodeDeploy's service role."
  value       = aws_iam_role.this.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms that roll a deployment back."
  value       = aws_codedeploy_deployment_group.this.alarm_configuration[0].alarms
}
