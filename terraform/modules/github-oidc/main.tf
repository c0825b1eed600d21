data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  tags = merge({ Name = var.name }, var.tags)

  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  ecs_arn_prefix = "arn:${data.aws_partition.current.partition}:ecs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}"
  ecs_service    = "${coalesce(var.cluster_name, "-")}/${coalesce(var.service_name, "-")}"

  issuer_host = "token.actions.githubusercontent.com"

  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.this[0].arn : data.aws_iam_openid_connect_provider.this[0].arn

  # GitHub puts the environment in `sub` when a job declares one, and the ref otherwise: list both kinds
  # exactly, never with wildcards.
  contexts = concat(
    [for branch in var.branches : "ref:refs/heads/${branch}"],
    [for environment in var.environments : "environment:${environment}"],
  )

  # With job_workflow_refs, the repository's customised subject template (repo, context, job_workflow_ref) appends
  # the workflow file that runs the job: only those workflows, in those contexts, may assume the role.
  subjects = length(var.job_workflow_refs) == 0 ? [for context in local.contexts : "repo:${var.repository}:${context}"] : flatten([
    for context in local.contexts : [for workflow in var.job_workflow_refs : "repo:${var.repository}:${context}:job_workflow_ref:${workflow}"]
  ])
}

resource "aws_iam_openid_connect_provider" "this" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://${local.issuer_host}"
  client_id_list = ["sts.amazonaws.com"]

  tags = local.tags
}

data "aws_iam_openid_connect_provider" "this" {
  count = var.create_oidc_provider ? 0 : 1

  url = "https://${local.issuer_host}"
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    sid     = "GitHubActionsOfThisRepository"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer_host}:sub"
      values   = local.subjects
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "GitHub Actions of ${var.repository}: start, follow and stop the ${var.pipeline_name} pipeline."
  assume_role_policy   = data.aws_iam_policy_document.assume_role.json
  max_session_duration = var.max_session_duration

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.subjects) > 0
      error_message = "branches and environments are both empty: list at least one branch or environment allowed to deploy."
    }

    precondition {
      condition     = local.code_deploy ? var.deployment_group_arn != null : var.cluster_name != null && var.service_name != null
      error_message = "deployment_controller ${var.deployment_controller}: CODE_DEPLOY needs deployment_group_arn; ECS needs cluster_name and service_name."
    }
  }
}

# Resources follow the Service Authorization Reference (SAR, "Actions, resources, and condition keys for <service>"):
# each statement names its resource type there, and an action listed with none is granted on "*".
data "aws_iam_policy_document" "this" {
  # SAR, AWS CodePipeline: all seven actions take the pipeline resource type.
  statement {
    sid = "StartFollowAndStopThisPipeline"
    actions = [
      "codepipeline:GetPipeline",
      "codepipeline:GetPipelineExecution",
      "codepipeline:GetPipelineState",
      "codepipeline:ListActionExecutions",
      "codepipeline:ListPipelineExecutions",
      "codepipeline:StartPipelineExecution",
      "codepipeline:StopPipelineExecution",
    ]
    resources = [var.pipeline_arn]
  }

  # SAR, AWS CodeDeploy: GetDeployment takes the deploymentgroup resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? [var.deployment_group_arn] : []

    content {
      sid       = "ReadDeploymentsOfThisGroup"
      actions   = ["codedeploy:GetDeployment"]
      resources = [statement.value]
    }
  }

  # SAR, AWS CodeDeploy: GetDeploymentTarget, ListDeploymentTargets and StopDeployment have no resource type, so IAM
  # evaluates them against "*" (a statement on the deployment group would never allow them), and CodeDeploy offers no
  # condition key to narrow them. The action learns deployment IDs from this pipeline's own executions, and
  # StopDeployment is how it rolls one back when its workflow is cancelled (on-cancel: rollback): stopping the
  # pipeline execution alone lets the deployment finish.
  dynamic "statement" {
    for_each = local.code_deploy ? [true] : []

    content {
      sid       = "FollowAndRollBackDeployments"
      actions   = ["codedeploy:GetDeploymentTarget", "codedeploy:ListDeploymentTargets", "codedeploy:StopDeployment"]
      resources = ["*"]
    }
  }

  # SAR, Amazon ECS: ListServiceDeployments takes the service resource type (service/<cluster>/<service>): the action
  # finds the deployment its pipeline execution started on this service only.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : ["${local.ecs_arn_prefix}:service/${local.ecs_service}"]

    content {
      sid       = "FindDeploymentsOfThisService"
      actions   = ["ecs:ListServiceDeployments"]
      resources = [statement.value]
    }
  }

  # SAR, Amazon ECS: DescribeServiceDeployments and StopServiceDeployment take the service-deployment resource type
  # (service-deployment/<cluster>/<service>/<id>): the action follows this service's deployments and, on a cancelled
  # workflow (on-cancel: rollback), stops one with stopType ROLLBACK.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : ["${local.ecs_arn_prefix}:service-deployment/${local.ecs_service}/*"]

    content {
      sid       = "FollowAndRollBackServiceDeployments"
      actions   = ["ecs:DescribeServiceDeployments", "ecs:StopServiceDeployment"]
      resources = [statement.value]
    }
  }

  # SAR, Elastic Load Balancing V2: DescribeRules has no resource type, so it is granted on "*"; it only reads. The
  # action shows the traffic weights of the listener rules ECS moves.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : [true]

    content {
      sid       = "ReadTrafficWeights"
      actions   = ["elasticloadbalancing:DescribeRules"]
      resources = ["*"]
    }
  }

  # SAR, AWS CodeBuild: BatchGetBuilds takes the project resource type.
  statement {
    sid       = "ReadBuildsOfThisProject"
    actions   = ["codebuild:BatchGetBuilds"]
    resources = [var.codebuild_project_arn]
  }

  # SAR, Amazon CloudWatch Logs: GetLogEvents takes the log-stream resource type (<group ARN>:log-stream:<stream>).
  statement {
    sid       = "ReadBuildLogs"
    actions   = ["logs:GetLogEvents"]
    resources = ["${var.build_log_group_arn}:log-stream:*"]
  }

  # The action reads a failed hook's decision from its log group: only the hook functions' own groups. SAR, Amazon
  # CloudWatch Logs: FilterLogEvents takes the log-group resource type (both ARN forms, with and without ":*").
  dynamic "statement" {
    for_each = length(var.hook_log_group_arns) > 0 ? [var.hook_log_group_arns] : []

    content {
      sid       = "SearchHookDecisions"
      actions   = ["logs:FilterLogEvents"]
      resources = flatten([for arn in statement.value : [arn, "${arn}:*"]])
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "deploy-through-pipeline"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}
