variable "name" {
  description = "Name of the load balancer; also the prefix of its security group (<name>-alb) and target groups (<name>-blue, <name>-green): 1-26 letters, digits and inner hyphens, not starting with internal- or sg-."
  type        = string

  # CreateLoadBalancer: at most 32 alphanumerics or hyphens, no hyphen at either end, no "internal-" prefix;
  # CreateTargetGroup: the same without the prefix rule (26 + "-green" = 32); CreateSecurityGroup: no "sg-" prefix.
  validation {
    condition     = can(regex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", var.name)) && length(var.name) <= 26 && !startswith(lower(var.name), "internal-") && !startswith(lower(var.name), "sg-")
    error_message = "name must be 1-26 letters, digits and single hyphens between them, not starting with \"internal-\" or \"sg-\" (AWS's load balancer, target group and security group name rules)."
  }
}

variable "vpc_id" {
  description = "ID of the VPC the load balancer and its target groups live in."
  type        = string
}

variable "vpc_cidr_block" {
  description = "IPv4 CIDR block of the VPC: targets are reached inside it, and it is the default source allowed on the test listener."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the load balancer (public subnets for an internet-facing one), in at least two availability zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must list at least two subnets in different availability zones."
  }
}

variable "internal" {
  description = "Create an internal load balancer instead of an internet-facing one."
  type        = bool
  default     = false
}

variable "certificate_arn" {
  description = "ACM certificate ARN. When set, production listens on 443 (HTTPS, TLS 1.3 policy) with 80 redirecting to it and the test listener uses HTTPS too. When null, both listeners are plain HTTP: fine for a trial, not for production."
  type        = string
  default     = null
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listeners: a TLS 1.3 policy (ELBSecurityPolicy-TLS13-*), which also allows TLS 1.2 clients."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = startswith(var.ssl_policy, "ELBSecurityPolicy-TLS13-")
    error_message = "ssl_policy must be a TLS 1.3 policy named ELBSecurityPolicy-TLS13-* (for example ELBSecurityPolicy-TLS13-1-2-2021-06); older policies accept TLS 1.0/1.1."
  }
}

variable "ingress_cidr_blocks" {
  description = "IPv4 CIDR blocks allowed on the production listener (and the HTTP redirect)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "test_listener_port" {
  description = "Port of the test listener that serves the replacement (green) task set to the lifecycle hooks before release."
  type        = number
  default     = 8443

  # 80 and 443 belong to the production listener and its redirect, which are open to ingress_cidr_blocks.
  validation {
    condition     = var.test_listener_port >= 1 && var.test_listener_port <= 65535 && !contains([80, 443], var.test_listener_port)
    error_message = "test_listener_port must be a port from 1 to 65535 other than 80 and 443, which the production listener uses."
  }
}

variable "test_listener_ingress_cidr_blocks" {
  description = "Private CIDR blocks allowed on the test listener: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), 100.64.0.0/10 (shared address space) or fc00::/7 (IPv6 unique local). Null allows only the VPC CIDR. The test listener serves unreleased code; public sources need the explicit test_listener_public_ingress_cidr_blocks."
  type        = list(string)
  default     = null

  # Each block must lie inside one private range: its prefix at least as long as the range's, and its network
  # address masked to the range's prefix equal to the range's. Unions such as 0.0.0.0/1 + 128.0.0.0/1 cannot pass.
  validation {
    condition = var.test_listener_ingress_cidr_blocks == null ? true : alltrue([
      for cidr in var.test_listener_ingress_cidr_blocks : can(cidrhost(cidr, 0)) ? anytrue([
        for range in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"] : try(
          strcontains(cidr, ":") == strcontains(range, ":") && tonumber(split("/", cidr)[1]) >= tonumber(split("/", range)[1]) && cidrhost("${cidrhost(cidr, 0)}/${split("/", range)[1]}", 0) == cidrhost(range, 0),
          false,
        )
      ]) : false
    ])
    error_message = "test_listener_ingress_cidr_blocks must be CIDR blocks inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 or fc00::/7: the test listener serves unreleased code. Allow a public source explicitly with test_listener_public_ingress_cidr_blocks."
  }
}

variable "test_listener_public_ingress_cidr_blocks" {
  description = "Opt-in: public CIDR blocks also allowed on the test listener, which serves unreleased code. For sources outside private address space only, for example the NAT gateway addresses an internet-facing load balancer sees the hooks arrive from (the bluegreen-stack module passes its own), or an office's egress address. Each block at most a /16 (IPv4) or /48 (IPv6); never the internet."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for cidr in var.test_listener_public_ingress_cidr_blocks : can(cidrhost(cidr, 0)) ? tonumber(split("/", cidr)[1]) >= (strcontains(cidr, ":") ? 48 : 16) : false
    ])
    error_message = "test_listener_public_ingress_cidr_blocks must be CIDR blocks of at most /16 (IPv4) or /48 (IPv6), for example 203.0.113.10/32: opening the test listener wider exposes unreleased code."
  }
}

variable "test_listener_ingress_security_group_ids" {
  description = "Security groups allowed on the test listener (for example the lifecycle hooks' group), keyed by a static label so plans work before the groups exist."
  type        = map(string)
  default     = {}
}

variable "target_port" {
  description = "Container port the target groups forward to and health-check."
  type        = number
}

variable "health_check_path" {
  description = "HTTP path the target groups health-check."
  type        = string
  default     = "/health"
}

variable "health_check_matcher" {
  description = "HTTP status codes that count as healthy (for example \"200\" or \"200-299\")."
  type        = string
  default     = "200"
}

variable "deregistration_delay" {
  description = "Seconds a deregistering target keeps serving in-flight requests. Short, so the old task set leaves quickly after a traffic shift."
  type        = number
  default     = 15

  validation {
    condition     = var.deregistration_delay >= 0 && var.deregistration_delay <= 3600 && floor(var.deregistration_delay) == var.deregistration_delay
    error_message = "deregistration_delay must be a whole number of seconds from 0 to 3600."
  }
}

variable "idle_timeout" {
  description = "Seconds a connection may stay idle."
  type        = number
  default     = 60

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000 && floor(var.idle_timeout) == var.idle_timeout
    error_message = "idle_timeout must be a whole number of seconds from 1 to 4000."
  }
}

variable "enable_deletion_protection" {
  description = "Protect the load balancer from deletion. Turn off only for throw-away environments."
  type        = bool
  default     = true
}

variable "access_logs_bucket" {
  description = "Name of an S3 bucket receiving the load balancer's access logs. Null disables access logs."
  type        = string
  default     = null
}

variable "deployment_controller" {
  description = "Deployment controller of the service behind the listeners: CODE_DEPLOY (CodeDeploy moves the listeners' default actions) or ECS (native blue/green: ECS moves the weights of one forward-only rule per listener, created here)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "production_colour" {
  description = "ECS controller only: the target group serving production when the native configuration is created, blue or green. blue for a new stack; when migrating from CODE_DEPLOY, the colour CodeDeploy's last deployment left the production listener on."
  type        = string
  default     = "blue"

  validation {
    condition     = contains(["blue", "green"], var.production_colour)
    error_message = "production_colour must be blue or green."
  }
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
