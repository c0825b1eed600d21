data "aws_partition" "current" {}

locals {
  tags = merge({ Name = var.name }, var.tags)

  # The committed zip unless the package comes from S3 (the precondition on the functions refuses both sources).
  package_file = var.package_s3_object != null ? null : coalesce(var.package_file, "${path.module}/../../../packages/lifecycle-hooks/dist/lifecycle-hook.zip")

  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  # AWSCodeDeployRoleForECSLimited lets CodeDeploy invoke only functions whose names start with CodeDeployHook_.
  # ECS invokes whatever the invocation role allows, so native hooks are named for their stage
  # (POST_TEST_TRAFFIC_SHIFT: <name>-hook-post-test-traffic-shift, at most 62 characters).
  function_names = {
    for event in keys(var.hooks) : event => contains(local.code_deploy_events, event) ? "CodeDeployHook_${var.name}_${event}" : "${var.name}-hook-${lower(replace(event, "_", "-"))}"
  }

  # The events each controller calls hooks at: CodeDeploy's ECS lifecycle events, or the ECS lifecycle stages a hook
  # may be registered for (ECS API reference, DeploymentLifecycleHook.lifecycleStages).
  code_deploy_events = ["BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic"]
  hook_events = local.code_deploy ? local.code_deploy_events : [
    "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
    "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
  ]

  in_vpc = length(var.vpc_subnet_ids) > 0

  # GREENLIGHT_CONFIG is validated strictly by the hook: absent fields must be left out, never sent as null.
  hook_configs = {
    for event, hook in var.hooks : event => {
      for key, value in {
        targetUrl            = hook.target_url
        readyTimeoutSeconds  = hook.ready_timeout_seconds
        requestTimeoutMs     = hook.request_timeout_ms
        callBackDelaySeconds = hook.call_back_delay_seconds
        tls = hook.tls_server_name == null && hook.tls_ca_pem == null ? null : {
          for tls_key, tls_value in { serverName = hook.tls_server_name, ca = hook.tls_ca_pem } : tls_key => tls_value if tls_value != null
        }
        checks = [
          for check in hook.checks : {
            for check_key, check_value in {
              name        = check.name
              method      = check.method
              path        = check.path
              headers     = length(check.headers) == 0 ? null : check.headers
              body        = check.body
              requests    = check.requests
              concurrency = check.concurrency
              expect = {
                for expect_key, expect_value in {
                  # Codes or a class: the two have different types, which a conditional cannot return, so each
                  # branch is encoded and the chosen one decoded back.
                  status       = jsondecode(length(check.expect.status) == 0 ? jsonencode(check.expect.status_class) : jsonencode(check.expect.status))
                  bodyIncludes = check.expect.body_includes
                  bodyMatches  = check.expect.body_matches
                  json         = check.expect.json == null ? null : { for pointer, literal in check.expect.json : pointer => jsondecode(literal) }
                  maxLatencyMs = check.expect.max_latency_ms
                  successRatio = check.expect.success_ratio
                  p95Ms        = check.expect.p95_ms
                } : expect_key => expect_value if expect_value != null
              }
            } : check_key => check_value if check_value != null
          }
        ]
      } : key => value if value != null
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.function_names

  name              = "/aws/lambda/${each.value}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = local.tags
}

# Where a hook invocation goes when it failed every attempt (crash or timeout before reporting): the deployment
# then fails after CodeDeploy's one-hour hook timeout, and this queue tells why.
resource "aws_sqs_queue" "dead_letter" {
  name                      = "CodeDeployHook_${var.name}-dead-letter"
  message_retention_seconds = 1209600
  kms_master_key_id         = var.kms_key_arn
  sqs_managed_sse_enabled   = var.kms_key_arn == null ? true : null

  tags = local.tags
}

# No aws:SourceAccount / aws:SourceArn condition: Lambda documents none for assuming an execution role ("The
# aws:SourceArn condition key applies only to policies where your Lambda function is the target resource", Lambda
# Developer Guide, lambda-intro-execution-role), and a key Lambda does not send would leave the hooks unable to run.
# Only principals of this account allowed iam:PassRole on the role can attach it to a function.
# The invocation role (ECS native blue/green) is shown trusting ecs.amazonaws.com without conditions, and no source key
# is documented ("Permissions required for Lambda functions in Amazon ECS blue/green deployments",
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-permissions.html).
data "aws_iam_policy_document" "assume_role" {
  for_each = merge({ hooks = "lambda.amazonaws.com" }, local.code_deploy ? {} : { invocation = "ecs.amazonaws.com" })

  statement {
    sid     = "${each.key == "hooks" ? "Lambda" : "Ecs"}AssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [each.value]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = "CodeDeployHook_${var.name}"
  description        = "Lifecycle hooks of ${var.name}: validate the replacement tasks and report the verdict."
  assume_role_policy = data.aws_iam_policy_document.assume_role["hooks"].json

  tags = local.tags
}

# Resources follow the Service Authorization Reference (SAR, "Actions, resources, and condition keys for <service>"):
# each statement names its resource type there, and an action listed with none is granted on "*".
# Under ECS the hook answers in its response, so it needs no CodeDeploy permission.
data "aws_iam_policy_document" "this" {
  # SAR, AWS CodeDeploy: GetDeployment and GetDeploymentGroup take the deploymentgroup resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? [var.deployment_group_arn] : []

    content {
      sid       = "ReadThisDeploymentGroup"
      actions   = ["codedeploy:GetDeployment", "codedeploy:GetDeploymentGroup"]
      resources = [statement.value]
    }
  }

  # SAR, AWS CodeDeploy: PutLifecycleEventHookExecutionStatus has no resource type, so IAM evaluates it against "*"
  # (on the deployment group the hook could never report), and no condition key narrows it. A report needs the
  # hook execution ID CodeDeploy hands only to the invoked hook.
  dynamic "statement" {
    for_each = local.code_deploy ? [true] : []

    content {
      sid       = "ReportLifecycleHookStatus"
      actions   = ["codedeploy:PutLifecycleEventHookExecutionStatus"]
      resources = ["*"]
    }
  }

  # SAR, Elastic Load Balancing V2: DescribeListeners and DescribeLoadBalancers have no resource type; they only read.
  statement {
    sid = "DiscoverTheTestListener"
    actions = [
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancers",
    ]
    resources = ["*"]
  }

  # SAR, Amazon CloudWatch Logs: CreateLogStream and PutLogEvents take the log-stream resource type.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for group in aws_cloudwatch_log_group.this : "${group.arn}:*"]
  }

  # SAR, Amazon SQS: SendMessage takes the queue resource type.
  statement {
    sid       = "SendFailedInvocationsToTheDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letter.arn]
  }

  # SAR, AWS KMS: Decrypt and GenerateDataKey take the key resource type.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "UseTheEncryptionKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "report-lifecycle-hook-status"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

# X-Ray segment upload has no resource-level permissions; the AWS managed write-only policy keeps that "*" out
# of our own documents.
resource "aws_iam_role_policy_attachment" "xray" {
  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXrayWriteOnlyAccess"
}

# Network interfaces for VPC placement only (unlike AWSLambdaVPCAccessExecutionRole, no logs:* on "*").
resource "aws_iam_role_policy_attachment" "vpc" {
  count = local.in_vpc ? 1 : 0

  role       = aws_iam_role.this.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaENIManagementAccess"
}

resource "aws_security_group" "this" {
  count = local.in_vpc ? 1 : 0

  name        = "CodeDeployHook_${var.name}"
  description = "Lifecycle hooks of ${var.name}: no ingress; egress to the test listener and the AWS APIs only."
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "CodeDeployHook_${var.name}" })

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = var.vpc_id != null
      error_message = "vpc_subnet_ids is set but vpc_id is null: pass the VPC of those subnets."
    }
  }
}

# An internet-facing load balancer's DNS name resolves to public addresses even inside the VPC, so the hooks
# reach the test listener through the NAT gateway: egress is by port, the listener's ingress does the guarding.
resource "aws_vpc_security_group_egress_rule" "test_listener" {
  for_each = local.in_vpc ? toset(var.test_listener_egress_cidr_blocks) : toset([])

  security_group_id = aws_security_group.this[0].id
  description       = "Test listener of the load balancer (${each.value})"
  ip_protocol       = "tcp"
  from_port         = var.test_listener_port
  to_port           = var.test_listener_port
  cidr_ipv4         = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "aws_apis" {
  for_each = local.in_vpc ? toset(var.https_egress_cidr_blocks) : toset([])

  security_group_id = aws_security_group.this[0].id
  description       = "HTTPS to the CodeDeploy and Elastic Load Balancing APIs (${each.value})"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = local.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.function_names

  function_name = each.value
  description   = "greenlight ${each.key} hook of ${var.name}: validates the replacement tasks and reports the verdict to ${local.code_deploy ? "CodeDeploy" : "ECS"}."
  role          = aws_iam_role.this.arn

  # A local zip (its hash triggers updates) or an uploaded S3 object (its object_version does).
  filename          = local.package_file
  source_code_hash  = local.package_file == null ? null : filebase64sha256(local.package_file)
  s3_bucket         = try(var.package_s3_object.bucket, null)
  s3_key            = try(var.package_s3_object.key, null)
  s3_object_version = try(var.package_s3_object.object_version, null)

  handler       = "index.handler"
  runtime       = var.runtime
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.hooks[each.key].timeout_seconds
  kms_key_arn   = var.kms_key_arn

  # A deployment runs one hook at a time; the reservation both caps a runaway and guarantees the hook can run
  # when the account is busy.
  reserved_concurrent_executions = var.reserved_concurrent_executions

  tracing_config {
    mode = "Active"
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.dead_letter.arn
  }

  environment {
    variables = {
      GREENLIGHT_CONFIG = jsonencode(local.hook_configs[each.key])
      NODE_OPTIONS      = "--enable-source-maps"
    }
  }

  dynamic "vpc_config" {
    for_each = local.in_vpc ? [true] : []

    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = [aws_security_group.this[0].id]
    }
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = contains(local.hook_events, each.key)
      error_message = "hooks.${each.key} is not an event the ${var.deployment_controller} controller calls hooks at: use one of ${join(", ", local.hook_events)}."
    }

    precondition {
      condition     = !local.code_deploy || var.deployment_group_arn != null
      error_message = "deployment_group_arn is null under the CODE_DEPLOY controller: pass the deployment group the hooks read and report on."
    }

    precondition {
      condition     = var.package_file == null || var.package_s3_object == null
      error_message = "package_file and package_s3_object are both set: give the hook's deployment package one source, a local zip (package_file) or an uploaded S3 object (package_s3_object)."
    }

    precondition {
      condition     = length(jsonencode(local.hook_configs[each.key])) <= 3800
      error_message = "hooks.${each.key}: the rendered GREENLIGHT_CONFIG is longer than 3800 characters, and Lambda allows 4 KB of environment in total; shorten the checks (or a tls_ca_pem)."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy.this,
    aws_iam_role_policy_attachment.vpc,
  ]
}

# CodeDeploy invokes hooks asynchronously. One retry gives an invocation that crashed or timed out before
# reporting a second chance (a duplicate report is harmless: the hook treats "already completed" as done);
# more retries would only delay the failure. Events older than the hook's own budget are not worth running.
resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = aws_lambda_function.this

  function_name                = each.value.function_name
  maximum_retry_attempts       = var.maximum_retry_attempts
  maximum_event_age_in_seconds = var.maximum_event_age_in_seconds
}

################################################################################
# Invocation by ECS (native blue/green)
################################################################################

# ECS invokes each lifecycle hook with this role (the service's lifecycle_hook role_arn).
resource "aws_iam_role" "invocation" {
  count = local.code_deploy ? 0 : 1

  name               = "${var.name}-hook-invocation"
  description        = "ECS deployments of ${var.name}: invoke the greenlight lifecycle hook functions, nothing else."
  assume_role_policy = data.aws_iam_policy_document.assume_role["invocation"].json

  tags = local.tags
}

# SAR, AWS Lambda: InvokeFunction takes the function resource type; only this module's hook functions.
data "aws_iam_policy_document" "invocation" {
  count = local.code_deploy ? 0 : 1

  statement {
    sid       = "InvokeTheHookFunctionsOnly"
    actions   = ["lambda:InvokeFunction"]
    resources = [for function in aws_lambda_function.this : function.arn]
  }
}

resource "aws_iam_role_policy" "invocation" {
  count = local.code_deploy ? 0 : 1

  name   = "invoke-lifecycle-hooks"
  role   = aws_iam_role.invocation[0].id
  policy = data.aws_iam_policy_document.invocation[0].json
}
