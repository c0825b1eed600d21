output "vpc_id" {
  description = "ID of the VPC."
  value       = module.vpc.vpc_id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC."
  value       = module.vpc.vpc_cidr_block
}

output "azs" {
  description = "Availability zones the subnets are spread over."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (one per availability zone), for the load balancer."
  value       = module.vpc.public_subnets
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (one per availability zone), for ECS tasks and lifecycle hook functions."
  value       = module.vpc.private_subnets
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways: traffic from the private subnets to the internet-facing load balancer arrives from these addresses."
  value       = module.vpc.nat_public_ips
}

output "flow_log_id" {
  description = "ID of the VPC flow log."
  value       = try(module.vpc.vpc_flow_log_id, null)
}

output "flow_log_destination_arn" {
  description = "ARN of the CloudWatch log group receiving the VPC flow log."
  value       = try(module.vpc.vpc_flow_log_destination_arn, null)
}
