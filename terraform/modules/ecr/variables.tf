variable "name" {
  description = "Name of the ECR repository: 2-256 lowercase letters and digits starting with a letter, separated by . _ __ one or more - or /."
  type        = string

  # CreateRepository: 2-256 characters, "must start with a letter", separators only between letters and digits.
  validation {
    condition     = can(regex("^[a-z][a-z0-9]*(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*$", var.name)) && length(var.name) >= 2 && length(var.name) <= 256
    error_message = "name must be 2-256 lowercase letters and digits starting with a letter, separated by ., _, __, hyphens or /, for example web-app."
  }
}

variable "kms_key_arn" {
  description = "ARN of a customer managed KMS key encrypting the images. Null uses the AWS managed aws/ecr key."
  type        = string
  default     = null
}

variable "max_image_count" {
  description = "Number of most recent images kept; older ones expire. Keep enough for the rollbacks you may need."
  type        = number
  default     = 30

  validation {
    condition     = var.max_image_count >= 2
    error_message = "max_image_count must be at least 2 so the previous release stays available for rollback."
  }
}

variable "untagged_image_expiry_days" {
  description = "Days after which untagged images (left by interrupted pushes) expire."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_image_expiry_days >= 1 && floor(var.untagged_image_expiry_days) == var.untagged_image_expiry_days
    error_message = "untagged_image_expiry_days must be a whole number of days, at least 1."
  }
}

variable "force_delete" {
  description = "Delete the repository even when it still holds images. Turn on only for throw-away environments."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}
