variable "name" {
  description = "Name given to the VPC and used as the prefix of its subnets, gateways and flow log resources."
  type        = string
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC. A /16 leaves room for the /24 public and /20 private subnets this module carves out."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && try(tonumber(split("/", var.cidr)[1]) <= 18, false)
    error_message = "cidr must be an IPv4 CIDR block of /18 or larger (for example 10.0.0.0/16)."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread the subnets over (2 or 3). ALBs and CodeDeploy blue/green need at least 2."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3."
  }
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway for all private subnets (cheaper, but a zone outage cuts egress) instead of one per availability zone."
  type        = bool
  default     = true
}

variable "flow_log_traffic_type" {
  description = "Traffic recorded by the VPC flow log: ACCEPT, REJECT or ALL."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "flow_log_traffic_type must be one of ACCEPT, REJECT or ALL."
  }
}

variable "flow_log_retention_in_days" {
  description = "Days the VPC flow log CloudWatch log group keeps its events."
  type        = number
  default     = 90

  # CloudWatch Logs accepts only these periods (anything else fails at apply); 0, "never expire", is not offered.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_in_days)
    error_message = "flow_log_retention_in_days must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days."
  }
}

variable "kms_key_arn" {
  description = "ARN of a KMS key encrypting the flow log group. Null uses CloudWatch Logs' own encryption."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
