locals {
  tags = merge({ Name = var.name }, var.tags)

  issuer_host = "token.actions.githubusercontent.com"

  provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.this[0].arn : data.aws_iam_openid_connect_provider.this[0].arn

  # GitHub puts the environment in `sub` when a job declares one, and the ref otherwise: list both kinds
  # exactly, never with wildcards.
  subjects = concat(
    [for branch in var.branches : "repo:${var.repository}:ref:refs/heads/${branch}"],
    [for environment in var.environments : "repo:${var.repository}:environment:${environment}"],
  )
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
  }
}

data "aws_iam_policy_document" "this" {
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

  # StopDeployment is how the action rolls a deployment back when its workflow is cancelled (on-cancel: rollback):
  # stopping the pipeline execution alone lets the deployment finish.
  statement {
    sid = "FollowAndRollBackDeploymentsOfThisGroup"
    actions = [
      "codedeploy:GetDeployment",
      "codedeploy:GetDeploymentTarget",
      "codedeploy:ListDeploymentTargets",
      "codedeploy:StopDeployment",
    ]
    resources = [var.deployment_group_arn]
  }

  statement {
    sid       = "ReadBuildsOfThisProject"
    actions   = ["codebuild:BatchGetBuilds"]
    resources = [var.codebuild_project_arn]
  }

  statement {
    sid       = "ReadBuildLogs"
    actions   = ["logs:GetLogEvents"]
    resources = ["${var.build_log_group_arn}:log-stream:*"]
  }

  # The action reads a failed hook's decision from its log group: only the hook functions' own groups.
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
