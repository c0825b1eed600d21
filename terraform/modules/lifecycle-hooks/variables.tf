variable "name" {
  description = "Name of the application; functions are named CodeDeployHook_<name>_<event> (CODE_DEPLOY) or <name>-hook-<stage> (ECS): letters, digits, - and _, at most 27 characters so every name fits Lambda's 64."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,27}$", var.name))
    error_message = "name must be 1-27 letters, digits, hyphens or underscores (function names are CodeDeployHook_<name>_<event>, at most 64 characters)."
  }
}

variable "deployment_controller" {
  description = "Who calls the hooks: CODE_DEPLOY (functions named CodeDeployHook_<name>_<event>, reporting to CodeDeploy) or ECS (native lifecycle hooks keyed by lifecycle stage, invoked through the invocation role)."
  type        = string
  default     = "CODE_DEPLOY"

  validation {
    condition     = contains(["CODE_DEPLOY", "ECS"], var.deployment_controller)
    error_message = "deployment_controller must be CODE_DEPLOY or ECS."
  }
}

variable "deployment_group_arn" {
  description = "ARN of the CodeDeploy deployment group (CODE_DEPLOY only): the hooks may report on and read this group's deployments only."
  type        = string
  default     = null
}

variable "hooks" {
  description = <<-EOT
    Hook functions to create, keyed by CodeDeploy ECS lifecycle event (BeforeInstall, AfterInstall,
    AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic) under CODE_DEPLOY, or by the ECS lifecycle stage
    the hook is registered for (POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, ...) under ECS. Each value becomes the function's
    GREENLIGHT_CONFIG: target_url (null discovers the deployment's test listener), checks (HTTP requests and
    what their answers must satisfy), ready_timeout_seconds (how long the first check may retry while green
    comes up), request_timeout_ms, call_back_delay_seconds (ECS native hooks), tls_server_name / tls_ca_pem
    (verify the listener's certificate for a domain name or private CA), and timeout_seconds (the Lambda timeout).
    In expect, status lists accepted codes (empty: status_class, e.g. "2xx"), and json maps JSON pointers to
    JSON literals, e.g. { "/status" = "\"ok\"" }.
  EOT
  type = map(object({
    target_url              = optional(string)
    ready_timeout_seconds   = optional(number)
    request_timeout_ms      = optional(number)
    call_back_delay_seconds = optional(number)
    tls_server_name         = optional(string)
    tls_ca_pem              = optional(string)
    timeout_seconds         = optional(number, 300)
    checks = list(object({
      name        = optional(string)
      method      = optional(string)
      path        = string
      headers     = optional(map(string), {})
      body        = optional(string)
      requests    = optional(number)
      concurrency = optional(number)
      expect = optional(object({
        status         = optional(list(number), [])
        status_class   = optional(string, "2xx")
        body_includes  = optional(string)
        body_matches   = optional(string)
        json           = optional(map(string))
        max_latency_ms = optional(number)
        success_ratio  = optional(number)
        p95_ms         = optional(number)
      }), {})
    }))
  }))
  default = {
    AfterAllowTestTraffic = {
      checks = [{ name = "health", path = "/health" }]
    }
  }

  validation {
    condition = alltrue([for event in keys(var.hooks) : contains([
      "BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic",
      "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
      "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
    ], event)])
    error_message = "hooks keys must be CodeDeploy ECS lifecycle events (BeforeInstall, AfterInstall, AfterAllowTestTraffic, BeforeAllowTraffic, AfterAllowTraffic) under CODE_DEPLOY, or ECS lifecycle stages (RECONCILE_SERVICE, PRE_SCALE_UP, POST_SCALE_UP, TEST_TRAFFIC_SHIFT, POST_TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT, POST_PRODUCTION_TRAFFIC_SHIFT) under ECS."
  }

  validation {
    condition     = alltrue([for hook in values(var.hooks) : length(hook.checks) > 0])
    error_message = "hooks: every hook needs at least one check; a hook without checks would pass the release untested."
  }

  validation {
    condition     = alltrue([for hook in values(var.hooks) : hook.timeout_seconds >= 30 && hook.timeout_seconds <= 900])
    error_message = "hooks: timeout_seconds must be between 30 and 900 (the Lambda maximum)."
  }

  # The bounds below are the hook's own GREENLIGHT_CONFIG schema (packages/lifecycle-hooks/src/config.ts): a
  # value it would reject fails here at plan time instead of failing the first deployment. Optional values are
  # tested with `x == null ? true : ...` because Terraform before 1.12 evaluates both sides of || and && .
  validation {
    condition     = alltrue([for hook in values(var.hooks) : hook.target_url == null ? true : can(regex("^[Hh][Tt][Tt][Pp][Ss]?://[^/\\s@]+(/\\S*)?$", hook.target_url))])
    error_message = "hooks: target_url must be an http:// or https:// URL without user:password@ (send credentials as a check header), or null to discover the test listener."
  }

  validation {
    condition = alltrue([for hook in values(var.hooks) : alltrue([
      hook.ready_timeout_seconds == null ? true : hook.ready_timeout_seconds >= 0 && hook.ready_timeout_seconds <= 3600,
      hook.request_timeout_ms == null ? true : hook.request_timeout_ms >= 1 && hook.request_timeout_ms <= 120000 && floor(hook.request_timeout_ms) == hook.request_timeout_ms,
      hook.call_back_delay_seconds == null ? true : hook.call_back_delay_seconds >= 1 && hook.call_back_delay_seconds <= 900 && floor(hook.call_back_delay_seconds) == hook.call_back_delay_seconds,
    ])])
    error_message = "hooks: ready_timeout_seconds must be 0-3600, request_timeout_ms a whole number 1-120000 and call_back_delay_seconds a whole number 1-900."
  }

  # The path and tls_server_name rules are the hook's CHECK_PATH and DNS_HOST_NAME, character for character (a test
  # in packages/lifecycle-hooks compares them): a path starts with exactly one "/" ("//host/x" and "/\host/x" name
  # another host) and holds no control characters; a server name is a DNS name, never an IP address or a header.
  validation {
    condition     = alltrue([for hook in values(var.hooks) : hook.tls_server_name == null ? true : length(hook.tls_server_name) <= 253 && can(regex("^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", hook.tls_server_name))])
    error_message = "hooks: tls_server_name must be a DNS host name (letters, digits and hyphens in dot-separated labels of at most 63 characters, the last starting with a letter, 253 in all), e.g. \"shop.example.com\"; not an IP address."
  }

  validation {
    condition = alltrue(flatten([for hook in values(var.hooks) : [for check in hook.checks : alltrue([
      can(regex("^\\/(?:[^/\\\\\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*)?$", check.path)),
      check.method == null ? true : contains(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], check.method),
      check.requests == null ? true : check.requests >= 1 && check.requests <= 100000 && floor(check.requests) == check.requests,
      check.concurrency == null ? true : check.concurrency >= 1 && check.concurrency <= 256 && floor(check.concurrency) == check.concurrency,
    ])]]))
    error_message = "hooks: every check needs a path starting with exactly one \"/\" and without control characters (\"//host/x\" would send the check to another host), a method among GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, requests a whole number 1-100000 and concurrency a whole number 1-256."
  }

  # body_matches is left to the hook: it is a JavaScript regular expression, which Terraform's RE2 cannot judge.
  validation {
    condition = alltrue(flatten([for hook in values(var.hooks) : [for check in hook.checks : alltrue([
      can(regex("^[1-5]xx$", check.expect.status_class)),
      alltrue([for code in check.expect.status : code >= 100 && code <= 599 && floor(code) == code]),
      check.expect.json == null ? true : alltrue([for pointer, literal in check.expect.json : can(regex("^(/.*)?$", pointer)) && can(jsondecode(literal))]),
      check.expect.success_ratio == null ? true : check.expect.success_ratio >= 0 && check.expect.success_ratio <= 1,
      alltrue([for ms in [check.expect.max_latency_ms, check.expect.p95_ms] : ms == null ? true : ms >= 1 && ms <= 600000 && floor(ms) == ms]),
    ])]]))
    error_message = "hooks: in expect, status must list codes 100-599, status_class be like \"2xx\", json map JSON pointers (\"\" or starting with \"/\") to JSON literals (\"\\\"ok\\\"\", \"42\"), success_ratio be 0-1, and max_latency_ms and p95_ms whole numbers 1-600000."
  }
}

# The hook's deployment package: a local file (by default the zip committed next to this module), or an S3
# object for module sources that do not carry this repository's packages/ directory. At most one is set.
variable "package_file" {
  description = "Path of the hook's deployment package on the machine running Terraform. Null (with package_s3_object null) deploys the zip committed in this repository, packages/lifecycle-hooks/dist/lifecycle-hook.zip, which a git module source carries. Set at most one of package_file and package_s3_object."
  type        = string
  default     = null

  validation {
    condition     = var.package_file == null ? true : endswith(var.package_file, ".zip")
    error_message = "package_file must be the path of a .zip file (the release's lifecycle-hook.zip), or null for the committed one."
  }
}

variable "package_s3_object" {
  description = "The hook's deployment package as an S3 object you uploaded, for module sources without this repository's packages/ directory: bucket (versioned, in the functions' region), key, and object_version, the version ID S3 returned for the upload (a new version updates the functions). Upload the release's lifecycle-hook.zip after checking it against the release's lifecycle-hook.zip.sha256. Terraform's credentials need s3:GetObject and s3:GetObjectVersion on it. Null deploys package_file or the committed zip; set at most one of the two."
  type = object({
    bucket         = string
    key            = string
    object_version = string
  })
  default = null

  # S3 bucket naming rules (general purpose buckets): 3-63 characters, lowercase letters, digits, dots and hyphens,
  # starting and ending with a letter or digit.
  validation {
    condition     = var.package_s3_object == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.package_s3_object.bucket))
    error_message = "package_s3_object.bucket must be an S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit."
  }

  # Lambda's FunctionCode: S3Key and S3ObjectVersion must each contain a non-space character; object keys are at
  # most 1024 bytes (checked here in characters).
  validation {
    condition = var.package_s3_object == null ? true : alltrue([
      trimspace(var.package_s3_object.key) != "",
      length(var.package_s3_object.key) <= 1024,
      trimspace(var.package_s3_object.object_version) != "",
    ])
    error_message = "package_s3_object: key must be a non-blank S3 object key of at most 1024 characters, and object_version the non-blank version ID of the uploaded zip (the bucket must be versioned)."
  }
}

variable "runtime" {
  description = "Lambda runtime of the hook functions: nodejs24.x or nodejs22.x."
  type        = string
  default     = "nodejs24.x"

  validation {
    condition     = contains(["nodejs24.x", "nodejs22.x"], var.runtime)
    error_message = "runtime must be nodejs24.x or nodejs22.x."
  }
}

variable "architecture" {
  description = "Instruction set of the functions: arm64 (cheaper; the package is plain JavaScript) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "memory_size" {
  description = "Memory of each function in MB, 128-10240 (also scales its CPU, which load-probing checks use)."
  type        = number
  default     = 256

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB from 128 to 10240 (Lambda's range)."
  }
}

variable "reserved_concurrent_executions" {
  description = "Concurrency reserved for each function. A deployment runs one hook at a time; 2 leaves room for a retry overlapping a slow first attempt. Null reserves none: needed in accounts whose Lambda concurrency quota is still the new-account 10, where AWS refuses any reservation."
  type        = number
  default     = 2

  # 0 would throttle every invocation: CodeDeploy would wait an hour for a hook that never runs.
  validation {
    condition     = var.reserved_concurrent_executions == null ? true : var.reserved_concurrent_executions >= 1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be a whole number of at least 1, or null to reserve none."
  }
}

variable "maximum_retry_attempts" {
  description = "Times Lambda retries an asynchronous invocation that failed (0-2). One retry rescues a crashed attempt; duplicates are harmless."
  type        = number
  default     = 1

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 2
    error_message = "maximum_retry_attempts must be 0, 1 or 2."
  }
}

variable "maximum_event_age_in_seconds" {
  description = "Seconds an invocation may wait (for example while throttled) before it is sent to the dead-letter queue instead (60-21600). CodeDeploy gives up on a hook after one hour."
  type        = number
  default     = 1800

  validation {
    condition     = var.maximum_event_age_in_seconds >= 60 && var.maximum_event_age_in_seconds <= 21600
    error_message = "maximum_event_age_in_seconds must be between 60 and 21600."
  }
}

variable "log_retention_in_days" {
  description = "Days the functions' log groups keep their events: one of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  type        = number
  default     = 30

  # CloudWatch Logs accepts only these periods (anything else fails at apply); 0, "never expire", is not offered.
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 days."
  }
}

variable "kms_key_arn" {
  description = "ARN of a KMS key encrypting the functions' environment (GREENLIGHT_CONFIG may hold header secrets), log groups and dead-letter queue. Null uses AWS managed keys."
  type        = string
  default     = null
}

variable "vpc_id" {
  description = "VPC of the functions when vpc_subnet_ids is set."
  type        = string
  default     = null
}

variable "vpc_subnet_ids" {
  description = "Private subnets to run the functions in (with a NAT gateway or CodeDeploy/ELB VPC endpoints). Empty runs them outside any VPC."
  type        = list(string)
  default     = []
}

variable "test_listener_port" {
  description = "Port of the load balancer's test listener the hooks call."
  type        = number
  default     = 8443
}

variable "test_listener_egress_cidr_blocks" {
  description = "Destinations the hooks may reach on the test listener port. An internet-facing load balancer is reached at public addresses through NAT, hence the default."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "https_egress_cidr_blocks" {
  description = "Destinations the hooks may reach on 443 for the CodeDeploy and Elastic Load Balancing APIs."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
