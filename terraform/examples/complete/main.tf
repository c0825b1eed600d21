module "stack" {
  source = "../../modules/bluegreen-stack"

  name              = var.name
  github_repository = var.github_repository
  github_branch     = var.github_branch

  # Only jobs of this GitHub environment may assume the deploy role: its required reviewers approve each deployment
  # and its branch rule keeps it to main, whatever event started the workflow (see README, "Wire the workflow").
  deploy_branches     = []
  deploy_environments = [var.github_environment]

  certificate_arn = var.certificate_arn
  domain_name     = var.domain_name

  # The sample app of this example; in your own repository this is usually "." and "Dockerfile".
  docker_build_context = "terraform/examples/complete/app"
  dockerfile           = "terraform/examples/complete/app/Dockerfile"
  container_port       = 8080
  health_check_path    = "/health"
  environment = {
    APP_VERSION = "example"
  }

  hooks = {
    AfterAllowTestTraffic = {
      ready_timeout_seconds = 120
      checks = [
        {
          name   = "health"
          path   = "/health"
          expect = { status = [200], json = { "/status" = "\"ok\"" } }
        },
        {
          name   = "version"
          path   = "/version"
          expect = { status = [200], body_includes = "version" }
        },
        {
          name        = "home-under-load"
          path        = "/"
          requests    = 200
          concurrency = 10
          expect      = { success_ratio = 1, p95_ms = 500 }
        },
      ]
    }
  }

  # One variable switches the whole stack between CodeDeploy and Amazon ECS native blue/green (see README).
  deployment_controller = var.deployment_controller

  # A rehearsal environment: fast, cheap and destroyable. Production keeps the defaults (canary 10% for
  # 5 minutes, 15 minutes of instant-rollback window, deletion protection). Under ECS the same window is the bake
  # time, and the hook above runs at POST_TEST_TRAFFIC_SHIFT.
  deployment_config_name           = var.deployment_config_name
  termination_wait_time_in_minutes = var.termination_wait_time_in_minutes
  bake_time_in_minutes             = var.termination_wait_time_in_minutes
  enable_deletion_protection       = false
  min_capacity                     = 2
  max_capacity                     = 4

  tags = {
    Environment = "example"
  }
}
