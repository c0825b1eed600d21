data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  tags = merge({ Name = var.name }, var.tags)

  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  role_trusts = merge(
    {
      execution = { sid = "EcsAgentAssumeRole", service = "ecs-tasks.amazonaws.com", source_account = false }
      task      = { sid = "EcsTasksAssumeRole", service = "ecs-tasks.amazonaws.com", source_account = true }
    },
    local.code_deploy ? {} : { infrastructure = { sid = "EcsInfrastructureAssumeRole", service = "ecs.amazonaws.com", source_account = false } },
  )

  log_group_name = "/aws/ecs/${var.name}"

  # A read-only root filesystem still needs somewhere to write temporary files: /tmp is a task-scoped volume.
  tmp_volume = "tmp"

  # Unset optional fields are left out rather than sent as null, which the ECS API (and taskdef.json) rejects.
  container_definition = { for key, value in {
    name                   = var.container_name
    essential              = true
    readonlyRootFilesystem = var.readonly_root_filesystem
    user                   = var.container_user
    command                = var.container_command
    portMappings = [{
      containerPort = var.container_port
      protocol      = "tcp"
    }]
    environment = [for name in sort(keys(var.environment)) : { name = name, value = var.environment[name] }]
    secrets     = [for name in sort(keys(var.secrets)) : { name = name, valueFrom = var.secrets[name] }]
    mountPoints = [{
      sourceVolume  = local.tmp_volume
      containerPath = "/tmp"
      readOnly      = false
    }]
    linuxParameters = {
      initProcessEnabled = true
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.region
        awslogs-stream-prefix = var.container_name
      }
    }
  } : key => value if value != null }

  # The same task definition, with the image left as the placeholder CodeDeployToECS fills in: the pipeline's
  # build writes it as taskdef.json, so every deployment registers exactly what Terraform describes here.
  task_definition_template = {
    family                  = var.name
    taskRoleArn             = aws_iam_role.task.arn
    executionRoleArn        = aws_iam_role.execution.arn
    networkMode             = "awsvpc"
    requiresCompatibilities = ["FARGATE"]
    cpu                     = tostring(var.cpu)
    memory                  = tostring(var.memory)
    runtimePlatform = {
      operatingSystemFamily = "LINUX"
      cpuArchitecture       = var.cpu_architecture
    }
    volumes              = [{ name = local.tmp_volume }]
    containerDefinitions = [merge(local.container_definition, { image = "<${var.image_placeholder}>" })]
  }

  # Memory sizes (MiB) Fargate accepts for each CPU size; any other pair fails only when the task definition is applied.
  fargate_memory_by_cpu = {
    "256"   = [512, 1024, 2048]
    "512"   = range(1024, 4097, 1024)
    "1024"  = range(2048, 8193, 1024)
    "2048"  = range(4096, 16385, 1024)
    "4096"  = range(8192, 30721, 1024)
    "8192"  = range(16384, 61441, 4096)
    "16384" = range(32768, 122881, 8192)
  }

  # Where the service's tasks run. CreateService takes it once; afterwards only a CodeDeploy deployment can change
  # it, so the pipeline writes it into the AppSpec of every deployment (the network_configuration output).
  network_configuration = {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  # Exactly one of the two service resources exists.
  service = one(concat(aws_ecs_service.this, aws_ecs_service.native))

  autoscaling_resource_id = "service/${aws_ecs_cluster.this.name}/${local.service.name}"

  # ALBRequestCountPerTarget names one target group, and target tracking on it is not supported for blue/green
  # services (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html):
  # after each deployment the idle colour's group has no data, and a policy without data never agrees to scale in.
  # Instead one policy tracks requests per healthy target over both groups, with metric math
  # (https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking-metric-math.html);
  # FILL counts a group without data (the idle colour) as zero.
  request_count_metrics = flatten([for colour, suffix in var.target_group_arn_suffixes : [
    { id = "requests_${colour}", metric_name = "RequestCount", stat = "Sum", target = suffix },
    { id = "healthy_${colour}", metric_name = "HealthyHostCount", stat = "Average", target = suffix },
  ]])
  request_count_expression = "(${join(" + ", [for colour in keys(var.target_group_arn_suffixes) : "FILL(requests_${colour}, 0)"])}) / (${join(" + ", [for colour in keys(var.target_group_arn_suffixes) : "FILL(healthy_${colour}, 0)"])})"

  # One target tracking policy per metric: AWS scales out when any policy asks and in only when all agree.
  scaling_policies = merge(
    {
      cpu    = { target_value = var.autoscaling_cpu_target, predefined_metric_type = "ECSServiceAverageCPUUtilization" }
      memory = { target_value = var.autoscaling_memory_target, predefined_metric_type = "ECSServiceAverageMemoryUtilization" }
    },
    {
      for name, policy in { requests = { target_value = var.autoscaling_requests_per_target, predefined_metric_type = null } } :
      name => policy if var.enable_request_count_scaling && length(var.target_group_arn_suffixes) > 0
    },
  )
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  tags = local.tags
}

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = local.tags
}

# The roles of the module, each assumable by its own service only, with the source keys that service's guide
# documents (a key the service does not send makes the role unassumable):
# - execution (the ECS agent): "Amazon ECS task execution IAM role" shows the trust without conditions and documents
#   no source keys; only principals of this account allowed iam:PassRole can hand the role to ECS.
# - task (the application): "Task IAM role" documents aws:SourceAccount and aws:SourceArn as the confused-deputy
#   guard: only tasks of this account may assume it.
# - infrastructure (ECS itself, native blue/green only): "Amazon ECS infrastructure IAM role for load balancers"
#   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html)
#   shows the trust without conditions and documents no source keys.
data "aws_iam_policy_document" "assume_role" {
  for_each = local.role_trusts

  statement {
    sid     = each.value.sid
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [each.value.service]
    }

    dynamic "condition" {
      for_each = each.value.source_account ? [data.aws_caller_identity.current.account_id] : []

      content {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [condition.value]
      }
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-ecs-execution"
  description        = "ECS agent of ${var.name}: pulls the image and writes container logs."
  assume_role_policy = data.aws_iam_policy_document.assume_role["execution"].json

  tags = local.tags
}

# Resources follow the Service Authorization Reference (SAR, "Actions, resources, and condition keys for <service>"):
# each statement names its resource type there, and an action listed with none is granted on "*".
data "aws_iam_policy_document" "execution" {
  # SAR, Amazon ECR: GetAuthorizationToken has no resource type; it alone is on "*".
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  # SAR, Amazon ECR: the image and layer reads take the repository resource type.
  statement {
    sid = "PullImagesOfThisRepository"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]
    resources = [var.ecr_repository_arn]
  }

  # SAR, Amazon CloudWatch Logs: CreateLogStream and PutLogEvents take the log-stream resource type.
  statement {
    sid       = "WriteContainerLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  # SAR, AWS Secrets Manager: GetSecretValue takes the Secret resource type; AWS Systems Manager: GetParameters
  # takes parameter.
  dynamic "statement" {
    for_each = length(var.secrets) > 0 ? [true] : []

    content {
      sid       = "ReadContainerSecrets"
      actions   = ["secretsmanager:GetSecretValue", "ssm:GetParameters"]
      resources = distinct(values(var.secrets))
    }
  }

  # SAR, AWS KMS: Decrypt takes the key resource type.
  dynamic "statement" {
    for_each = var.ecr_kms_key_arn == null ? [] : [var.ecr_kms_key_arn]

    content {
      sid       = "DecryptImageLayers"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "pull-image-and-write-logs"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-ecs-task"
  description        = "Application of ${var.name}: what the running containers may call. Separate from the execution role."
  assume_role_policy = data.aws_iam_policy_document.assume_role["task"].json

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "task" {
  for_each = var.task_role_policy_arns

  role       = aws_iam_role.task.name
  policy_arn = each.value
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  task_role_arn            = aws_iam_role.task.arn
  execution_role_arn       = aws_iam_role.execution.arn
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  container_definitions    = jsonencode([merge(local.container_definition, { image = var.image })])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  volume {
    name = local.tmp_volume
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = contains(lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []), var.memory)
      error_message = "memory ${var.memory} MiB is not a Fargate size for cpu ${var.cpu}: choose one of ${join(", ", [for size in lookup(local.fargate_memory_by_cpu, tostring(var.cpu), []) : tostring(size)])}."
    }
  }
}

resource "aws_security_group" "this" {
  name        = "${var.name}-tasks"
  description = "ECS tasks of ${var.name}: reachable only from the load balancer."
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-tasks" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  security_group_id            = aws_security_group.this.id
  description                  = "Application traffic and health checks from the load balancer only"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = var.load_balancer_security_group_id

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "https" {
  for_each = toset(var.egress_https_cidr_blocks)

  security_group_id = aws_security_group.this.id
  description       = "HTTPS to ${each.value}: ECR image layers, CloudWatch Logs and the AWS APIs the app calls"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = local.tags
}

resource "aws_ecs_service" "this" {
  count = local.code_deploy ? 1 : 0

  name                              = var.name
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  enable_execute_command            = false

  deployment_controller {
    type = "CODE_DEPLOY"
  }

  network_configuration {
    subnets          = local.network_configuration.subnets
    security_groups  = local.network_configuration.security_groups
    assign_public_ip = local.network_configuration.assign_public_ip
  }

  # Only blue is attached: CodeDeploy creates the green task set on the other target group itself.
  load_balancer {
    target_group_arn = var.target_group_arns["blue"]
    container_name   = var.container_name
    container_port   = var.container_port
  }

  tags = local.tags

  # Under the CODE_DEPLOY controller UpdateService cannot change the task definition, load balancer, network
  # configuration or platform version: only a CodeDeploy deployment can
  # (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html). CodeDeploy owns the
  # first two from the first deployment on, the AppSpec carries the network configuration (LATEST is the
  # AppSpec's platform version too), and auto scaling owns the desired count. ignore_changes cannot depend on a
  # variable, so a service with another deployment controller needs a resource of its own.
  lifecycle {
    ignore_changes = [task_definition, load_balancer, network_configuration, platform_version, desired_count]
  }
}

# The same service under the ECS deployment controller (native blue/green): ECS itself starts the green tasks on the
# alternate target group, moves the listener rules' weights (through the infrastructure role), invokes the lifecycle
# hooks and rolls back on a failed hook or alarm. UpdateService may change everything here, so only what others own is
# ignored: the task definition (the pipeline's ECS deploy action registers and deploys each revision) and the desired
# count (auto scaling). Its own resource, because ignore_changes cannot depend on a variable; switching a service
# from CODE_DEPLOY in place is a `moved` block in the caller (examples/complete README).
resource "aws_ecs_service" "native" {
  count = local.code_deploy ? 0 : 1

  name                              = var.name
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = var.health_check_grace_period_seconds
  enable_ecs_managed_tags           = true
  propagate_tags                    = "SERVICE"
  enable_execute_command            = false

  deployment_controller {
    type = "ECS"
  }

  deployment_configuration {
    strategy             = var.deployment_strategy
    bake_time_in_minutes = var.bake_time_in_minutes

    dynamic "linear_configuration" {
      for_each = var.deployment_strategy == "LINEAR" ? [var.linear_configuration] : []

      content {
        step_percent              = linear_configuration.value.step_percent
        step_bake_time_in_minutes = linear_configuration.value.step_bake_time_in_minutes
      }
    }

    dynamic "canary_configuration" {
      for_each = var.deployment_strategy == "CANARY" ? [var.canary_configuration] : []

      content {
        canary_percent              = canary_configuration.value.canary_percent
        canary_bake_time_in_minutes = canary_configuration.value.canary_bake_time_in_minutes
      }
    }

    dynamic "lifecycle_hook" {
      for_each = var.lifecycle_hooks

      content {
        hook_target_arn  = lifecycle_hook.value.function_arn
        role_arn         = var.lifecycle_hook_role_arn
        lifecycle_stages = lifecycle_hook.value.lifecycle_stages
      }
    }
  }

  # Rollback when a CloudWatch alarm fires during the deployment (bake time included).
  dynamic "alarms" {
    for_each = length(var.deployment_alarm_names) > 0 ? [var.deployment_alarm_names] : []

    content {
      alarm_names = alarms.value
      enable      = true
      rollback    = true
    }
  }

  network_configuration {
    subnets          = local.network_configuration.subnets
    security_groups  = local.network_configuration.security_groups
    assign_public_ip = local.network_configuration.assign_public_ip
  }

  # The primary target group serves production; ECS starts each deployment's green tasks on the alternate one.
  load_balancer {
    target_group_arn = var.target_group_arns[var.production_colour]
    container_name   = var.container_name
    container_port   = var.container_port

    advanced_configuration {
      alternate_target_group_arn = var.target_group_arns[var.production_colour == "blue" ? "green" : "blue"]
      production_listener_rule   = var.listener_rule_arns["production"]
      test_listener_rule         = var.listener_rule_arns["test"]
      role_arn                   = aws_iam_role.infrastructure[0].arn
    }
  }

  tags = local.tags

  lifecycle {
    ignore_changes = [task_definition, desired_count]

    precondition {
      condition     = contains(keys(var.target_group_arns), "green") && alltrue([for key in ["production", "test"] : contains(keys(var.listener_rule_arns), key)])
      error_message = "deployment_controller is ECS: target_group_arns needs a \"green\" key (the alternate target group) and listener_rule_arns \"production\" and \"test\" keys (the forward-only rules ECS moves traffic with)."
    }

    precondition {
      condition     = length(var.lifecycle_hooks) == 0 || var.lifecycle_hook_role_arn != null
      error_message = "lifecycle_hooks is set but lifecycle_hook_role_arn is null: pass the role ECS assumes to invoke the hook functions (the lifecycle-hooks module's invocation_role_arn)."
    }
  }

  depends_on = [aws_iam_role_policy_attachment.infrastructure]
}

# What ECS needs to move traffic between the target groups during a native blue/green deployment.
resource "aws_iam_role" "infrastructure" {
  count = local.code_deploy ? 0 : 1

  name               = "${var.name}-ecs-infra"
  description        = "ECS deployments of ${var.name}: modify the listener rules between the blue and green target groups."
  assume_role_policy = data.aws_iam_policy_document.assume_role["infrastructure"].json

  tags = local.tags
}

# The AWS managed policy the ECS guide names for this role (listener rule and target group reads and changes); it is
# maintained by AWS as ECS's needs change.
resource "aws_iam_role_policy_attachment" "infrastructure" {
  count = local.code_deploy ? 0 : 1

  role       = aws_iam_role.infrastructure[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"
}

moved {
  from = aws_ecs_service.this
  to   = aws_ecs_service.this[0]
}

resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = local.autoscaling_resource_id
  min_capacity       = var.autoscaling_min_capacity
  max_capacity       = var.autoscaling_max_capacity

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.autoscaling_min_capacity >= 1 && var.autoscaling_min_capacity <= var.autoscaling_max_capacity
      error_message = "autoscaling_min_capacity (${var.autoscaling_min_capacity}) must be at least 1 and at most autoscaling_max_capacity (${var.autoscaling_max_capacity})."
    }
  }
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.scaling_policies

  name               = "${var.name}-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension
  resource_id        = aws_appautoscaling_target.this.resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target_value
    scale_in_cooldown  = var.autoscaling_scale_in_cooldown
    scale_out_cooldown = var.autoscaling_scale_out_cooldown

    dynamic "predefined_metric_specification" {
      for_each = each.value.predefined_metric_type == null ? [] : [each.value.predefined_metric_type]

      content {
        predefined_metric_type = predefined_metric_specification.value
      }
    }

    dynamic "customized_metric_specification" {
      for_each = each.value.predefined_metric_type == null ? [local.request_count_expression] : []

      content {
        metrics {
          id          = "requests_per_target"
          label       = "Requests per healthy target over both target groups"
          expression  = customized_metric_specification.value
          return_data = true
        }

        dynamic "metrics" {
          for_each = local.request_count_metrics

          content {
            id          = metrics.value.id
            return_data = false

            metric_stat {
              stat = metrics.value.stat

              metric {
                namespace   = "AWS/ApplicationELB"
                metric_name = metrics.value.metric_name

                dimensions {
                  name  = "LoadBalancer"
                  value = var.load_balancer_arn_suffix
                }

                dimensions {
                  name  = "TargetGroup"
                  value = metrics.value.target
                }
              }
            }
          }
        }
      }
    }
  }
}

# The policies were three resources; the request-count ones (one per target group) are replaced by the single
# metric-math policy.
moved {
  from = aws_appautoscaling_policy.cpu
  to   = aws_appautoscaling_policy.this["cpu"]
}

moved {
  from = aws_appautoscaling_policy.memory
  to   = aws_appautoscaling_policy.this["memory"]
}
