data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  tags = merge({ Name = var.name }, var.tags)

  # Under the ECS controller the service runs its own deployments: only the alarms remain, which ECS rolls back on.
  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  # CodeDeploy alternates the target groups: the replacement task set goes to green on one deployment and to
  # blue on the next. Watching both keeps every deployment's replacement under an alarm; the idle group has no
  # targets and no requests, so its alarms stay OK.
  alarm_target_groups = var.target_group_arn_suffixes

  alarm_names = concat(
    [for alarm in aws_cloudwatch_metric_alarm.target_5xx : alarm.alarm_name],
    [for alarm in aws_cloudwatch_metric_alarm.unhealthy_hosts : alarm.alarm_name],
    var.additional_alarm_names,
  )
}

resource "aws_codedeploy_app" "this" {
  count = local.code_deploy ? 1 : 0

  name             = var.name
  compute_platform = "ECS"

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "target_5xx" {
  for_each = local.alarm_target_groups

  alarm_name          = "${var.name}-${each.key}-target-5xx"
  alarm_description   = "HTTP 5xx answered by the ${each.key} target group's tasks of ${var.name}; rolls back a deployment in progress."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = var.alarm_5xx_threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancer = var.load_balancer_arn_suffix
    TargetGroup  = each.value
  }

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "unhealthy_hosts" {
  for_each = local.alarm_target_groups

  alarm_name          = "${var.name}-${each.key}-unhealthy-hosts"
  alarm_description   = "Unhealthy targets in the ${each.key} target group of ${var.name}; rolls back a deployment in progress."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancer = var.load_balancer_arn_suffix
    TargetGroup  = each.value
  }

  tags = local.tags
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "CodeDeployAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["codedeploy.amazonaws.com"]
    }

    # Confused-deputy guard: only CodeDeploy acting for this account may assume the role. CodeDeploy documents sending
    # aws:SourceAccount (and aws:SourceArn, the deployment group) when it assumes its service role: CodeDeploy User
    # Guide, "Cross-service confused deputy prevention" (security_confused_deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  count = local.code_deploy ? 1 : 0

  name               = "${var.name}-codedeploy"
  description        = "CodeDeploy blue/green deployments of ${var.name}."
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  tags = local.tags
}

# AWSCodeDeployRoleForECSLimited rather than AWSCodeDeployRoleForECS: it may invoke only Lambda functions named
# CodeDeployHook_* (our hooks' naming) and publish only to CodeDeployTopic_* topics, instead of any function.
resource "aws_iam_role_policy_attachment" "this" {
  count = local.code_deploy ? 1 : 0

  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSCodeDeployRoleForECSLimited"
}

# CodeDeploy starts the replacement task set with the task definition's execution and task roles, so its role must
# pass them to ECS. AWSCodeDeployRoleForECSLimited allows that only for roles named ecsTaskExecutionRole or
# ECSTaskExecution*; the ECS developer guide has the role pass the task's own roles through an inline policy:
# https://docs.aws.amazon.com/AmazonECS/latest/developerguide/codedeploy_IAM_role.html
data "aws_iam_policy_document" "pass_task_roles" {
  statement {
    sid       = "PassOnlyTheTaskRolesToEcs"
    actions   = ["iam:PassRole"]
    resources = [var.execution_role_arn, var.task_role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "pass_task_roles" {
  count = local.code_deploy ? 1 : 0

  name   = "pass-task-roles-to-ecs"
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.pass_task_roles.json
}

resource "aws_codedeploy_deployment_group" "this" {
  count = local.code_deploy ? 1 : 0

  app_name               = aws_codedeploy_app.this[0].name
  deployment_group_name  = var.name
  service_role_arn       = aws_iam_role.this[0].arn
  deployment_config_name = var.deployment_config_name

  deployment_style {
    deployment_type   = "BLUE_GREEN"
    deployment_option = "WITH_TRAFFIC_CONTROL"
  }

  blue_green_deployment_config {
    deployment_ready_option {
      action_on_timeout    = var.manual_approval_wait_minutes > 0 ? "STOP_DEPLOYMENT" : "CONTINUE_DEPLOYMENT"
      wait_time_in_minutes = var.manual_approval_wait_minutes > 0 ? var.manual_approval_wait_minutes : null
    }

    # The old task set stays up this long after the switch: the window in which a rollback is instant.
    terminate_blue_instances_on_deployment_success {
      action                           = "TERMINATE"
      termination_wait_time_in_minutes = var.termination_wait_time_in_minutes
    }
  }

  ecs_service {
    cluster_name = var.cluster_name
    service_name = var.service_name
  }

  load_balancer_info {
    target_group_pair_info {
      prod_traffic_route {
        listener_arns = [var.production_listener_arn]
      }

      test_traffic_route {
        listener_arns = [var.test_listener_arn]
      }

      target_group {
        name = var.target_group_names["blue"]
      }

      target_group {
        name = var.target_group_names["green"]
      }
    }
  }

  auto_rollback_configuration {
    enabled = true
    events  = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]
  }

  alarm_configuration {
    enabled = true
    alarms  = local.alarm_names
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.alarm_names) <= 10
      error_message = "A deployment group takes at most 10 alarms, and this module creates 2 per target group: pass at most ${10 - 2 * length(local.alarm_target_groups)} additional_alarm_names (combine more into a composite alarm)."
    }
  }

  depends_on = [aws_iam_role_policy_attachment.this, aws_iam_role_policy.pass_task_roles]
}

moved {
  from = aws_codedeploy_app.this
  to   = aws_codedeploy_app.this[0]
}

moved {
  from = aws_iam_role.this
  to   = aws_iam_role.this[0]
}

moved {
  from = aws_iam_role_policy_attachment.this
  to   = aws_iam_role_policy_attachment.this[0]
}

moved {
  from = aws_iam_role_policy.pass_task_roles
  to   = aws_iam_role_policy.pass_task_roles[0]
}

moved {
  from = aws_codedeploy_deployment_group.this
  to   = aws_codedeploy_deployment_group.this[0]
}
