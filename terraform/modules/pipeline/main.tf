data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  tags = merge({ Name = var.name }, var.tags)

  connection_arn = var.create_connection ? aws_codestarconnections_connection.this[0].arn : var.connection_arn

  source_action_name = "Source"
  source_artifact    = "SourceArtifact"
  build_artifact     = "BuildArtifact"

  build_project_name   = "${var.name}-build"
  build_log_group_name = "/aws/codebuild/${local.build_project_name}"

  registry = split("/", var.ecr_repository_url)[0]

  # Hooks run in lifecycle order, and the appspec must list them that way.
  hook_event_order = ["BeforeInstall", "AfterInstall", "AfterAllowTestTraffic", "BeforeAllowTraffic", "AfterAllowTraffic"]

  # The AppSpec carries the tasks' network configuration because only a deployment can change it on a
  # CODE_DEPLOY service: the replacement task set then runs with the current subnets and security groups.
  appspec = templatefile("${path.module}/appspec.yaml.tpl", {
    container_name        = var.container_name
    container_port        = var.container_port
    network_configuration = var.network_configuration
    hooks = [
      for event in local.hook_event_order : { event = event, function_name = var.hook_function_names[event] }
      if contains(keys(var.hook_function_names), event)
    ]
  })

  buildspec = templatefile("${path.module}/buildspec.yml.tpl", {
    repository_url  = var.ecr_repository_url
    repository_name = var.ecr_repository_name
    registry        = local.registry
    dockerfile      = var.dockerfile
    build_context   = var.docker_build_context
    container_name  = var.container_name
    taskdef_base64  = base64encode(var.task_definition_template)
    appspec_base64  = base64encode(local.appspec)
  })

  build_environment_variables = concat(
    [{ name = "PIPELINE_EXECUTION_ID", value = "#{codepipeline.PipelineExecutionId}", type = "PLAINTEXT" }],
    [for variable in var.pipeline_variables : { name = variable.name, value = "#{variables.${variable.name}}", type = "PLAINTEXT" }],
  )

  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  # CodeDeployToECS reads the task definition and AppSpec templates; the ECS deploy action reads the image of each
  # container from imagedefinitions.json and updates the service, which starts a native blue/green deployment.
  deploy_action = local.code_deploy ? {
    provider      = "CodeDeployToECS"
    configuration = local.code_deploy_action_configuration
    } : {
    provider = "ECS"
    # DeploymentTimeout: the action waits at most 60 minutes (its range is 1-60) for the service deployment,
    # bake time included, and fails after that ("Amazon Elastic Container Service deploy action reference").
    configuration = {
      ClusterName       = coalesce(var.cluster_name, "-")
      ServiceName       = coalesce(var.service_name, "-")
      FileName          = "imagedefinitions.json"
      DeploymentTimeout = "60"
    }
  }

  code_deploy_action_configuration = {
    ApplicationName                = var.codedeploy_app_name
    DeploymentGroupName            = var.codedeploy_deployment_group_name
    TaskDefinitionTemplateArtifact = local.build_artifact
    TaskDefinitionTemplatePath     = "taskdef.json"
    AppSpecTemplateArtifact        = local.build_artifact
    AppSpecTemplatePath            = "appspec.yaml"
    Image1ArtifactName             = local.build_artifact
    Image1ContainerName            = var.image_placeholder
  }

  codedeploy_arn_prefix = "arn:${data.aws_partition.current.partition}:codedeploy:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}"
  ecs_arn_prefix        = "arn:${data.aws_partition.current.partition}:ecs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}"
}

################################################################################
# Connection to GitHub
################################################################################

# Created PENDING: someone must complete the handshake once in the console (Developer Tools > Settings >
# Connections > Update pending connection) before the source action can read the repository.
resource "aws_codestarconnections_connection" "this" {
  count = var.create_connection ? 1 : 0

  name          = substr(var.name, 0, 32)
  provider_type = "GitHub"

  tags = local.tags
}

################################################################################
# Artifact bucket
################################################################################

resource "aws_s3_bucket" "artifacts" {
  # bucket_prefix allows 37 characters and bucket names only lowercase.
  bucket_prefix = "${lower(substr(var.name, 0, 26))}-artifacts-"
  force_destroy = var.artifact_bucket_force_destroy

  tags = local.tags
}

resource "aws_s3_bucket_ownership_controls" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    bucket_key_enabled = true

    # A null key means the AWS managed aws/s3 key.
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    id     = "expire-pipeline-artifacts"
    status = "Enabled"

    filter {}

    expiration {
      days = var.artifact_retention_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 1
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.artifacts]
}

data "aws_iam_policy_document" "artifacts_bucket" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.artifacts.arn,
      "${aws_s3_bucket.artifacts.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  policy = data.aws_iam_policy_document.artifacts_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.artifacts]
}

resource "aws_s3_bucket_logging" "artifacts" {
  count = var.access_log_bucket == null ? 0 : 1

  bucket        = aws_s3_bucket.artifacts.id
  target_bucket = var.access_log_bucket
  target_prefix = "${aws_s3_bucket.artifacts.id}/"
}

################################################################################
# Build
################################################################################

resource "aws_cloudwatch_log_group" "build" {
  name              = local.build_log_group_name
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = local.tags
}

# The two service roles of the module, each assumable by its own service only. No aws:SourceAccount / aws:SourceArn
# condition: neither the CodeBuild service role page ("Allow CodeBuild to interact with other AWS services") nor
# CodePipeline's ("Manage the CodePipeline service role") documents the service sending them, and a key the service
# does not send would leave the role unassumable. Only principals of this account allowed iam:PassRole on a role can
# attach it to a project or pipeline.
data "aws_iam_policy_document" "assume_role" {
  for_each = { codebuild = "CodeBuild", codepipeline = "CodePipeline" }

  statement {
    sid     = "${each.value}AssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["${each.key}.amazonaws.com"]
    }
  }
}

# Both roles read and write the artifacts and build output the key encrypts. SAR, AWS KMS: Decrypt and
# GenerateDataKey take the key resource type.
data "aws_iam_policy_document" "use_encryption_key" {
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

    content {
      sid       = "UseTheEncryptionKey"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role" "codebuild" {
  name               = "${var.name}-codebuild"
  description        = "Image build of ${var.name}: reads the source artifact, pushes to one ECR repository, writes build logs."
  assume_role_policy = data.aws_iam_policy_document.assume_role["codebuild"].json

  tags = local.tags
}

# Resources follow the Service Authorization Reference (SAR, "Actions, resources, and condition keys for <service>"):
# each statement names its resource type there, and an action listed with none is granted on "*".
data "aws_iam_policy_document" "codebuild" {
  source_policy_documents = [data.aws_iam_policy_document.use_encryption_key.json]

  # SAR, Amazon CloudWatch Logs: CreateLogStream and PutLogEvents take the log-stream resource type.
  statement {
    sid       = "WriteBuildLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.build.arn}:*"]
  }

  # SAR, Amazon S3: GetObject, GetObjectVersion and PutObject take the object resource type.
  statement {
    sid       = "ReadAndWritePipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }

  # SAR, Amazon S3: GetBucketLocation and GetBucketVersioning take the bucket resource type.
  statement {
    sid       = "LocateArtifactBucket"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketVersioning"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  # SAR, Amazon ECR: GetAuthorizationToken has no resource type; it alone is on "*".
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  # SAR, Amazon ECR: the image and layer actions take the repository resource type.
  statement {
    sid = "PushToThisRepositoryOnly"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [var.ecr_repository_arn]
  }
}

resource "aws_iam_role_policy" "codebuild" {
  name   = "build-and-push-image"
  role   = aws_iam_role.codebuild.id
  policy = data.aws_iam_policy_document.codebuild.json
}

# greenlight:ignore CKV_AWS_316 docker build needs privileged mode (the Docker daemon runs inside the build container)
resource "aws_codebuild_project" "this" {
  name           = local.build_project_name
  description    = "Builds and pushes the image of ${var.name} for the commit the pipeline runs, and writes the CodeDeploy artifacts."
  service_role   = aws_iam_role.codebuild.arn
  build_timeout  = var.build_timeout_in_minutes
  encryption_key = var.kms_key_arn

  artifacts {
    type = "CODEPIPELINE"
  }

  # Reuses unchanged image layers between builds that land on the same host: faster builds, nothing stored.
  cache {
    type  = "LOCAL"
    modes = ["LOCAL_DOCKER_LAYER_CACHE"]
  }

  environment {
    type                        = "LINUX_CONTAINER"
    compute_type                = var.build_compute_type
    image                       = var.build_image
    image_pull_credentials_type = "CODEBUILD"
    privileged_mode             = true
  }

  source {
    type      = "CODEPIPELINE"
    buildspec = local.buildspec
  }

  logs_config {
    cloudwatch_logs {
      status     = "ENABLED"
      group_name = aws_cloudwatch_log_group.build.name
    }
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.codebuild]
}

################################################################################
# Pipeline
################################################################################

resource "aws_iam_role" "codepipeline" {
  name               = "${var.name}-codepipeline"
  description        = "Pipeline of ${var.name}: source from one connection, one build project, one deployment group."
  assume_role_policy = data.aws_iam_policy_document.assume_role["codepipeline"].json

  tags = local.tags
}

# Resources follow the Service Authorization Reference (SAR, "Actions, resources, and condition keys for <service>"):
# each statement names its resource type there, and an action listed with none is granted on "*".
data "aws_iam_policy_document" "codepipeline" {
  source_policy_documents = [data.aws_iam_policy_document.use_encryption_key.json]

  lifecycle {
    precondition {
      condition     = local.connection_arn != null
      error_message = "connection_arn is null while create_connection is false: pass the ARN of an existing connection, or let the module create one."
    }

    precondition {
      condition     = local.code_deploy ? alltrue([for value in [var.codedeploy_app_name, var.codedeploy_deployment_group_name, var.codedeploy_deployment_group_arn, var.codedeploy_deployment_config_name] : value != null]) : var.cluster_name != null && var.service_name != null
      error_message = "deployment_controller ${var.deployment_controller}: CODE_DEPLOY needs codedeploy_app_name, codedeploy_deployment_group_name, codedeploy_deployment_group_arn and codedeploy_deployment_config_name; ECS needs cluster_name and service_name."
    }
  }

  # SAR, AWS CodeConnections and AWS CodeStar Connections: UseConnection takes the Connection resource type.
  statement {
    sid       = "UseThisConnectionOnly"
    actions   = ["codestar-connections:UseConnection", "codeconnections:UseConnection"]
    resources = [local.connection_arn]
  }

  # SAR, Amazon S3: GetObject, GetObjectVersion and PutObject take the object resource type.
  statement {
    sid       = "ReadAndWritePipelineArtifacts"
    actions   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }

  # SAR, Amazon S3: GetBucketLocation, GetBucketVersioning and ListBucket take the bucket resource type.
  statement {
    sid       = "LocateArtifactBucket"
    actions   = ["s3:GetBucketLocation", "s3:GetBucketVersioning", "s3:ListBucket"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  # SAR, AWS CodeBuild: StartBuild, BatchGetBuilds and StopBuild take the project resource type.
  statement {
    sid       = "RunThisBuildProjectOnly"
    actions   = ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"]
    resources = [aws_codebuild_project.this.arn]
  }

  # SAR, AWS CodeDeploy: CreateDeployment and GetDeployment take the deploymentgroup resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? [var.codedeploy_deployment_group_arn] : []

    content {
      sid       = "DeployThroughThisDeploymentGroupOnly"
      actions   = ["codedeploy:CreateDeployment", "codedeploy:GetDeployment"]
      resources = [statement.value]
    }
  }

  # SAR, AWS CodeDeploy: StopDeployment has no resource type, so IAM evaluates it against "*" (on the deployment
  # group it would never be allowed), and no condition key narrows it.
  dynamic "statement" {
    for_each = local.code_deploy ? [true] : []

    content {
      sid       = "StopItsDeployments"
      actions   = ["codedeploy:StopDeployment"]
      resources = ["*"]
    }
  }

  # SAR, AWS CodeDeploy: GetApplication, GetApplicationRevision and RegisterApplicationRevision take the application
  # resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? ["${local.codedeploy_arn_prefix}:application:${var.codedeploy_app_name}"] : []

    content {
      sid = "RegisterRevisionsOfThisApplication"
      actions = [
        "codedeploy:GetApplication",
        "codedeploy:GetApplicationRevision",
        "codedeploy:RegisterApplicationRevision",
      ]
      resources = [statement.value]
    }
  }

  # SAR, AWS CodeDeploy: GetDeploymentConfig takes the deploymentconfig resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? ["${local.codedeploy_arn_prefix}:deploymentconfig:${var.codedeploy_deployment_config_name}"] : []

    content {
      sid       = "ReadTheDeploymentConfig"
      actions   = ["codedeploy:GetDeploymentConfig"]
      resources = [statement.value]
    }
  }

  # The ECS deploy action ("Amazon Elastic Container Service deploy action reference", CodePipeline User Guide, service
  # role permissions). SAR, Amazon ECS: DescribeServices and UpdateService take the service resource type.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : ["${local.ecs_arn_prefix}:service/${coalesce(var.cluster_name, "-")}/${coalesce(var.service_name, "-")}"]

    content {
      sid       = "UpdateThisServiceOnly"
      actions   = ["ecs:DescribeServices", "ecs:UpdateService"]
      resources = [statement.value]
    }
  }

  # SAR, Amazon ECS: DescribeTasks takes the task resource type (task/<cluster>/<id>), ListTasks the container-instance
  # resource type (container-instance/<cluster>/<id>): the action follows the tasks of this cluster only.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : [coalesce(var.cluster_name, "-")]

    content {
      sid       = "FollowTheTasksOfThisCluster"
      actions   = ["ecs:DescribeTasks", "ecs:ListTasks"]
      resources = ["${local.ecs_arn_prefix}:task/${statement.value}/*", "${local.ecs_arn_prefix}:container-instance/${statement.value}/*"]
    }
  }

  # SAR, Amazon ECS: DescribeTaskDefinition has no resource type; it only reads, and the action reads the service's
  # current revision to register the next one.
  dynamic "statement" {
    for_each = local.code_deploy ? [] : [true]

    content {
      sid       = "ReadTaskDefinitions"
      actions   = ["ecs:DescribeTaskDefinition"]
      resources = ["*"]
    }
  }

  # SAR, Amazon ECS: RegisterTaskDefinition takes the task-definition resource type
  # (task-definition/<family>:<revision>), and so does TagResource on it; CodeDeployToECS and the ECS deploy action
  # register a new revision of this family for every deployment. What the revisions may run as stays limited by the
  # PassRole statement.
  statement {
    sid       = "RegisterRevisionsOfThisTaskFamily"
    actions   = ["ecs:RegisterTaskDefinition", "ecs:TagResource"]
    resources = ["arn:${data.aws_partition.current.partition}:ecs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:task-definition/${var.task_definition_family}:*"]
  }

  # SAR, IAM: PassRole takes the role resource type; iam:PassedToService names the receiving service.
  statement {
    sid       = "PassOnlyTheTaskRolesToEcs"
    actions   = ["iam:PassRole"]
    resources = [var.task_role_arn, var.execution_role_arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "codepipeline" {
  name   = "run-source-build-deploy"
  role   = aws_iam_role.codepipeline.id
  policy = data.aws_iam_policy_document.codepipeline.json
}

resource "aws_codepipeline" "this" {
  name           = var.name
  role_arn       = aws_iam_role.codepipeline.arn
  pipeline_type  = "V2"
  execution_mode = var.execution_mode

  artifact_store {
    location = aws_s3_bucket.artifacts.bucket
    type     = "S3"

    dynamic "encryption_key" {
      for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]

      content {
        id   = encryption_key.value
        type = "KMS"
      }
    }
  }

  dynamic "variable" {
    for_each = var.pipeline_variables

    content {
      name          = variable.value.name
      default_value = variable.value.default_value
      description   = variable.value.description
    }
  }

  # Off by default: the GitHub Action starts each execution for its exact commit. A push trigger makes the
  # pipeline also start on its own for the listed branches.
  dynamic "trigger" {
    for_each = length(var.push_trigger_branches) > 0 ? [true] : []

    content {
      provider_type = "CodeStarSourceConnection"

      git_configuration {
        source_action_name = local.source_action_name

        push {
          branches {
            includes = var.push_trigger_branches
          }
        }
      }
    }
  }

  stage {
    name = "Source"

    action {
      name             = local.source_action_name
      category         = "Source"
      owner            = "AWS"
      provider         = "CodeStarSourceConnection"
      version          = "1"
      namespace        = "SourceVariables"
      output_artifacts = [local.source_artifact]

      configuration = {
        ConnectionArn        = local.connection_arn
        FullRepositoryId     = var.repository
        BranchName           = var.branch
        OutputArtifactFormat = "CODE_ZIP"
        # "false": the GitHub Action starts each execution. With a push trigger the trigger's filter decides
        # (a trigger disables default change detection), and "true" lets the connection deliver the events.
        DetectChanges = length(var.push_trigger_branches) > 0 ? "true" : "false"
      }
    }
  }

  stage {
    name = "Build"

    action {
      name             = "Build"
      category         = "Build"
      owner            = "AWS"
      provider         = "CodeBuild"
      version          = "1"
      namespace        = "BuildVariables"
      input_artifacts  = [local.source_artifact]
      output_artifacts = [local.build_artifact]

      configuration = {
        ProjectName          = aws_codebuild_project.this.name
        EnvironmentVariables = jsonencode(local.build_environment_variables)
      }
    }
  }

  stage {
    name = "Deploy"

    action {
      name            = "Deploy"
      category        = "Deploy"
      owner           = "AWS"
      provider        = local.deploy_action.provider
      version         = "1"
      input_artifacts = [local.build_artifact]
      configuration   = local.deploy_action.configuration
    }
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy.codepipeline]
}
