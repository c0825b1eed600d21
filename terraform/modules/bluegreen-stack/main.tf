locals {
  tags = merge({ Application = var.name }, var.tags)

  code_deploy = var.deployment_controller == "CODE_DEPLOY"

  # Under ECS a hook keyed by a CodeDeploy event runs at the native stage that comes at the same point of the
  # deployment, so one hooks value serves both controllers; hooks keyed by a native stage pass through.
  native_stage_of = {
    BeforeInstall         = "PRE_SCALE_UP"
    AfterInstall          = "POST_SCALE_UP"
    AfterAllowTestTraffic = "POST_TEST_TRAFFIC_SHIFT"
    BeforeAllowTraffic    = "PRE_PRODUCTION_TRAFFIC_SHIFT"
    AfterAllowTraffic     = "POST_PRODUCTION_TRAFFIC_SHIFT"
  }

  https = var.certificate_arn != null

  # With a certificate the hooks verify TLS against the certificate's name, not the load balancer's DNS name.
  # Minutes a native deployment spends shifting production traffic and baking: the pipeline's ECS deploy action waits
  # at most 60 minutes for all of it, scale-up and the hooks included.
  native_traffic_minutes = var.bake_time_in_minutes + (
    var.deployment_strategy == "LINEAR" ? (ceil(100 / var.linear_configuration.step_percent) - 1) * var.linear_configuration.step_bake_time_in_minutes :
    var.deployment_strategy == "CANARY" ? var.canary_configuration.canary_bake_time_in_minutes : 0
  )

  test_url = local.https && var.domain_name != null ? "https://${var.domain_name}:${var.test_listener_port}" : module.load_balancer.test_url

  # Under CODE_DEPLOY a hook without target_url finds the test listener from its deployment group; a native hook has
  # no deployment group to ask, so it is given the test listener's URL.
  hooks = {
    for event, hook in var.hooks : (local.code_deploy ? event : lookup(local.native_stage_of, event, event)) => merge(hook, {
      tls_server_name = try(hook.tls_server_name, null) == null && local.https ? var.domain_name : try(hook.tls_server_name, null)
      target_url      = try(hook.target_url, null) == null && !local.code_deploy ? local.test_url : try(hook.target_url, null)
    })
  }

  # The load balancer is internet-facing, so the hooks (in the private subnets) reach its test listener from the NAT
  # gateways' public addresses: those /32s are the stack's own opt-in to public sources on the test listener, next
  # to the VPC, the private extras and whatever test_listener_public_cidr_blocks adds.
  test_listener_private_cidr_blocks = concat([module.network.vpc_cidr_block], var.test_listener_extra_cidr_blocks)
  test_listener_public_cidr_blocks = concat(
    [for address in module.network.nat_public_ips : "${address}/32"],
    var.test_listener_public_cidr_blocks,
  )
}

module "network" {
  source = "../network"

  name                       = var.name
  cidr                       = var.vpc_cidr
  az_count                   = var.az_count
  single_nat_gateway         = var.single_nat_gateway
  flow_log_retention_in_days = var.log_retention_in_days
  kms_key_arn                = var.kms_key_arn

  tags = local.tags
}

module "ecr" {
  source = "../ecr"

  name         = var.name
  kms_key_arn  = var.kms_key_arn
  force_delete = !var.enable_deletion_protection

  tags = local.tags
}

module "load_balancer" {
  source = "../load-balancer"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  vpc_cidr_block             = module.network.vpc_cidr_block
  subnet_ids                 = module.network.public_subnet_ids
  certificate_arn            = var.certificate_arn
  ingress_cidr_blocks        = var.ingress_cidr_blocks
  target_port                = var.container_port
  health_check_path          = var.health_check_path
  test_listener_port         = var.test_listener_port
  enable_deletion_protection = var.enable_deletion_protection
  access_logs_bucket         = var.access_logs_bucket

  test_listener_ingress_cidr_blocks        = local.test_listener_private_cidr_blocks
  test_listener_public_ingress_cidr_blocks = local.test_listener_public_cidr_blocks
  test_listener_ingress_security_group_ids = { hooks = module.lifecycle_hooks.security_group_id }
  deployment_controller                    = var.deployment_controller
  production_colour                        = var.production_colour

  tags = local.tags
}

module "service" {
  source = "../ecs-service"

  name                            = var.name
  vpc_id                          = module.network.vpc_id
  subnet_ids                      = module.network.private_subnet_ids
  load_balancer_security_group_id = module.load_balancer.security_group_id
  load_balancer_arn_suffix        = module.load_balancer.arn_suffix
  target_group_arns               = module.load_balancer.target_group_arns
  target_group_arn_suffixes       = module.load_balancer.target_group_arn_suffixes
  ecr_repository_arn              = module.ecr.repository_arn
  ecr_kms_key_arn                 = var.kms_key_arn

  image                    = coalesce(var.initial_image, "${module.ecr.repository_url}:initial")
  container_name           = var.container_name
  container_port           = var.container_port
  container_user           = var.container_user
  environment              = var.environment
  secrets                  = var.secrets
  cpu                      = var.cpu
  memory                   = var.memory
  cpu_architecture         = var.cpu_architecture
  desired_count            = var.min_capacity
  autoscaling_min_capacity = var.min_capacity
  autoscaling_max_capacity = var.max_capacity
  task_role_policy_arns    = var.task_role_policy_arns
  log_retention_in_days    = var.log_retention_in_days
  kms_key_arn              = var.kms_key_arn

  deployment_controller   = var.deployment_controller
  deployment_strategy     = var.deployment_strategy
  bake_time_in_minutes    = var.bake_time_in_minutes
  linear_configuration    = var.linear_configuration
  canary_configuration    = var.canary_configuration
  listener_rule_arns      = module.load_balancer.listener_rule_arns
  lifecycle_hooks         = module.lifecycle_hooks.lifecycle_hooks
  lifecycle_hook_role_arn = module.lifecycle_hooks.invocation_role_arn
  deployment_alarm_names  = concat(module.codedeploy.alarm_names, var.deployment_alarm_names)
  production_colour       = var.production_colour

  tags = local.tags
}

# Under the CODE_DEPLOY controller the deployment group runs the deployments; under ECS only its alarms remain, which
# the service's native deployments roll back on.
module "codedeploy" {
  source = "../codedeploy"

  deployment_controller            = var.deployment_controller
  name                             = var.name
  cluster_name                     = module.service.cluster_name
  service_name                     = module.service.service_name
  production_listener_arn          = module.load_balancer.production_listener_arn
  test_listener_arn                = module.load_balancer.test_listener_arn
  target_group_names               = module.load_balancer.target_group_names
  target_group_arn_suffixes        = module.load_balancer.target_group_arn_suffixes
  load_balancer_arn_suffix         = module.load_balancer.arn_suffix
  execution_role_arn               = module.service.execution_role_arn
  task_role_arn                    = module.service.task_role_arn
  deployment_config_name           = var.deployment_config_name
  termination_wait_time_in_minutes = var.termination_wait_time_in_minutes

  tags = local.tags
}

module "lifecycle_hooks" {
  source = "../lifecycle-hooks"

  name                  = var.name
  deployment_controller = var.deployment_controller
  deployment_group_arn  = module.codedeploy.deployment_group_arn
  hooks                 = local.hooks
  runtime               = var.hook_runtime
  vpc_id                = module.network.vpc_id
  vpc_subnet_ids        = module.network.private_subnet_ids
  test_listener_port    = var.test_listener_port
  kms_key_arn           = var.kms_key_arn

  reserved_concurrent_executions = var.hook_reserved_concurrent_executions
  log_retention_in_days          = var.log_retention_in_days

  tags = local.tags
}

module "pipeline" {
  source = "../pipeline"

  name              = var.name
  repository        = var.github_repository
  branch            = var.github_branch
  create_connection = var.connection_arn == null
  connection_arn    = var.connection_arn

  ecr_repository_url  = module.ecr.repository_url
  ecr_repository_name = module.ecr.repository_name
  ecr_repository_arn  = module.ecr.repository_arn

  docker_build_context = var.docker_build_context
  dockerfile           = var.dockerfile

  task_definition_template = module.service.task_definition_template
  task_definition_family   = module.service.task_definition_family
  image_placeholder        = module.service.image_placeholder
  container_name           = module.service.container_name
  container_port           = module.service.container_port
  task_role_arn            = module.service.task_role_arn
  execution_role_arn       = module.service.execution_role_arn
  network_configuration    = module.service.network_configuration
  hook_function_names      = module.lifecycle_hooks.function_names

  deployment_controller             = var.deployment_controller
  cluster_name                      = module.service.cluster_name
  service_name                      = module.service.service_name
  codedeploy_app_name               = module.codedeploy.app_name
  codedeploy_deployment_group_name  = module.codedeploy.deployment_group_name
  codedeploy_deployment_group_arn   = module.codedeploy.deployment_group_arn
  codedeploy_deployment_config_name = module.codedeploy.deployment_config_name

  execution_mode                = var.pipeline_execution_mode
  push_trigger_branches         = var.push_trigger_branches
  pipeline_variables            = var.pipeline_variables
  artifact_bucket_force_destroy = !var.enable_deletion_protection
  log_retention_in_days         = var.log_retention_in_days
  kms_key_arn                   = var.kms_key_arn

  tags = local.tags
}

module "github_oidc" {
  source = "../github-oidc"

  name                 = "${var.name}-github-deploy"
  create_oidc_provider = var.create_github_oidc_provider
  repository           = var.github_repository
  branches             = var.deploy_branches
  environments         = var.deploy_environments
  job_workflow_refs    = var.deploy_job_workflow_refs
  max_session_duration = var.action_max_session_duration

  pipeline_name         = module.pipeline.pipeline_name
  pipeline_arn          = module.pipeline.pipeline_arn
  deployment_controller = var.deployment_controller
  deployment_group_arn  = module.codedeploy.deployment_group_arn
  cluster_name          = module.service.cluster_name
  service_name          = module.service.service_name
  codebuild_project_arn = module.pipeline.codebuild_project_arn
  build_log_group_arn   = module.pipeline.build_log_group_arn
  hook_log_group_arns   = values(module.lifecycle_hooks.log_group_arns)

  tags = local.tags
}
