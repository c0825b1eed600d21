output "app_url" {
  description = "URL of the application (production listener)."
  value       = local.https && var.domain_name != null ? "https://${var.domain_name}" : module.load_balancer.app_url

  # The hooks verify the test listener's certificate against domain_name; without it they would check the load
  # balancer's own DNS name, which is not on the certificate, and fail every deployment.
  precondition {
    condition     = !local.https || var.domain_name != null
    error_message = "domain_name is null while certificate_arn is set: set domain_name to the name the certificate is issued for (pointing at the load balancer). The hooks verify green's certificate against it; the load balancer's DNS name is not on the certificate."
  }
}

output "test_url" {
  description = "URL of the test listener, which serves the replacement task set during a deployment (reachable only from the VPC, its NAT gateways, test_listener_extra_cidr_blocks and test_listener_public_cidr_blocks)."
  value       = local.test_url
}

output "pipeline_name" {
  description = "Name of the pipeline: the pipeline-name input of the GitHub Action."
  value       = module.pipeline.pipeline_name

  precondition {
    condition     = local.code_deploy || local.native_traffic_minutes <= 45
    error_message = "bake_time_in_minutes and the ${var.deployment_strategy} steps take ${local.native_traffic_minutes} minutes: under the ECS controller keep them within 45, so that with scale-up and the hooks the deployment ends within the 60 minutes the pipeline's ECS deploy action waits."
  }
}

output "ecr_repository_url" {
  description = "URL of the ECR repository the pipeline pushes images to."
  value       = module.ecr.repository_url
}

output "action_role_arn" {
  description = "ARN of the role the GitHub workflow assumes (configure-aws-credentials' role-to-assume)."
  value       = module.github_oidc.role_arn
}

output "action_max_session_duration" {
  description = "Longest session of the action's role in seconds (the highest usable role-duration-seconds)."
  value       = module.github_oidc.max_session_duration
}

output "connection_arn" {
  description = "ARN of the CodeConnections connection to GitHub."
  value       = module.pipeline.connection_arn
}

output "connection_status" {
  description = "PENDING until the one-time console handshake is done; null when an existing connection is reused."
  value       = module.pipeline.connection_status
}

output "source_action_name" {
  description = "Name of the pipeline's source action."
  value       = module.pipeline.source_action_name
}

output "load_balancer_dns_name" {
  description = "DNS name of the load balancer (point domain_name at it)."
  value       = module.load_balancer.dns_name
}

output "load_balancer_zone_id" {
  description = "Hosted zone ID of the load balancer, for a Route 53 alias record."
  value       = module.load_balancer.zone_id
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.service.cluster_name
}

output "service_name" {
  description = "Name of the ECS service."
  value       = module.service.service_name
}

output "codedeploy_app_name" {
  description = "Name of the CodeDeploy application; null under the ECS controller."
  value       = module.codedeploy.app_name
}

output "codedeploy_deployment_group_name" {
  description = "Name of the CodeDeploy deployment group; null under the ECS controller."
  value       = module.codedeploy.deployment_group_name
}

output "hook_function_names" {
  description = "Lifecycle hook function names keyed by event."
  value       = module.lifecycle_hooks.function_names
}

output "hook_dead_letter_queue_arn" {
  description = "Queue receiving hook invocations that failed every attempt."
  value       = module.lifecycle_hooks.dead_letter_queue_arn
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = module.network.vpc_id
}

output "deployment_controller" {
  description = "Deployment controller of the stack: CODE_DEPLOY or ECS."
  value       = var.deployment_controller
}

output "listener_rule_arns" {
  description = "Forward-only listener rules ECS moves traffic with, keyed \"production\" and \"test\"; empty under CODE_DEPLOY."
  value       = module.load_balancer.listener_rule_arns
}
