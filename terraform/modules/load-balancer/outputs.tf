output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "arn_suffix" {
  description = "ARN suffix of the load balancer, the LoadBalancer dimension of its CloudWatch metrics."
  value       = aws_lb.this.arn_suffix
}

output "dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "Route 53 hosted zone ID of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "ID of the load balancer's security group; ECS tasks accept traffic only from it."
  value       = aws_security_group.this.id
}

output "production_listener_arn" {
  description = "ARN of the production listener (CodeDeploy's production traffic route)."
  value       = aws_lb_listener.production.arn
}

output "test_listener_arn" {
  description = "ARN of the test listener (CodeDeploy's test traffic route)."
  value       = aws_lb_listener.test.arn
}

output "redirect_listener_arn" {
  description = "ARN of the HTTP to HTTPS redirect listener; null without a certificate."
  value       = try(aws_lb_listener.redirect[0].arn, null)
}

output "test_listener_port" {
  description = "Port of the test listener."
  value       = var.test_listener_port
}

output "target_group_names" {
  description = "Names of the blue and green target groups, keyed by colour."
  value       = { for colour, group in aws_lb_target_group.this : colour => group.name }
}

output "target_group_arns" {
  description = "ARNs of the blue and green target groups, keyed by colour. Known only once the listeners exist, because ECS refuses a target group no load balancer forwards to."
  value       = { for colour, group in aws_lb_target_group.this : colour => group.arn }

  depends_on = [aws_lb_listener.production, aws_lb_listener.test]
}

output "target_group_arn_suffixes" {
  description = "ARN suffixes of the blue and green target groups (the TargetGroup dimension of CloudWatch metrics), keyed by colour."
  value       = { for colour, group in aws_lb_target_group.this : colour => group.arn_suffix }
}

output "app_url" {
  description = "URL of the production listener."
  value       = "${local.scheme}://${aws_lb.this.dns_name}"
}

output "test_url" {
  description = "URL of the test listener (reachable only from the allowed CIDRs and security groups)."
  value       = "${local.scheme}://${aws_lb.this.dns_name}:${var.test_listener_port}"
}

output "listener_rule_arns" {
  description = "ARNs of the forward-only listener rules keyed \"production\" and \"test\" (ECS native blue/green's production and test listener rules); empty under CODE_DEPLOY."
  value       = { for role, rule in aws_lb_listener_rule.this : role => rule.arn }
}
