output "pipeline_name" {
  description = "Name of the pipeline (the GitHub Action's pipeline-name input)."
  value       = aws_codepipeline.this.name
}

output "pipeline_arn" {
  description = "ARN of the pipeline."
  value       = aws_codepipeline.this.arn
}

output "source_action_name" {
  description = "Name of the source action, for the GitHub Action's source-revisions input."
  value       = local.source_action_name
}

output "connection_arn" {
  description = "ARN of the CodeConnections connection used by the source action."
  value       = local.connection_arn
}

output "connection_status" {
  description = "Status of the created connection: PENDING until the one-time console handshake is done. Null when an existing connection is reused."
  value       = try(aws_codestarconnections_connection.this[0].connection_status, null)
}

output "codebuild_project_name" {
  description = "Name of the CodeBuild project."
  value       = aws_codebuild_project.this.name
}

output "codebuild_project_arn" {
  description = "ARN of the CodeBuild project."
  value       = aws_codebuild_project.this.arn
}

output "build_log_group_name" {
  description = "Name of the build log group."
  value       = aws_cloudwatch_log_group.build.name
}

output "build_log_group_arn" {
  description = "ARN of the build log group."
  value       = aws_cloudwatch_log_group.build.arn
}

output "artifact_bucket_name" {
  description = "Name of the artifact bucket."
  value       = aws_s3_bucket.artifacts.bucket
}

output "artifact_bucket_arn" {
  description = "ARN of the artifact bucket."
  value       = aws_s3_bucket.artifacts.arn
}

output "codepipeline_role_arn" {
  description = "ARN of the pipeline's service role."
  value       = aws_iam_role.codepipeline.arn
}

output "codebuild_role_arn" {
  description = "ARN of the build's service role."
  value       = aws_iam_role.codebuild.arn
}

output "appspec" {
  description = "appspec.yaml the build writes."
  value       = local.appspec
}

output "buildspec" {
  description = "Rendered buildspec of the CodeBuild project."
  value       = local.buildspec
}
