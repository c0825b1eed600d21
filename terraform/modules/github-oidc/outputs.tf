output "role_arn" {
  description = "ARN of the role: configure-aws-credentials' role-to-assume."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the role."
  value       = aws_iam_role.this.name
}

output "oidc_provider_arn" {
  description = "ARN of GitHub's OIDC identity provider (created or reused)."
  value       = local.provider_arn
}

output "subjects" {
  description = "Token subjects (sub claims) allowed to assume the role."
  value       = local.subjects
}

output "max_session_duration" {
  description = "Longest session the role allows, in seconds: the highest usable role-duration-seconds."
  value       = aws_iam_role.this.max_session_duration
}
