terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.21"
    }
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project   = "greenlight-example"
      ManagedBy = "terraform"
    }
  }
}
