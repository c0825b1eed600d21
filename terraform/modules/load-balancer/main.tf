locals {
  https = var.certificate_arn != null

  production_port     = local.https ? 443 : 80
  production_protocol = local.https ? "HTTPS" : "HTTP"
  scheme              = local.https ? "https" : "http"

  # Target group names must be unique per account and region; var.name's validation keeps them within 32 characters.
  target_group_names = { for colour in ["blue", "green"] : colour => "${var.name}-${colour}" }

  test_listener_cidr_blocks = concat(coalesce(var.test_listener_ingress_cidr_blocks, [var.vpc_cidr_block]), var.test_listener_public_ingress_cidr_blocks)
  public_ports              = local.https ? [80, 443] : [80]

  tags = merge({ Name = var.name }, var.tags)

  # Under the ECS deployment controller ECS moves traffic by rewriting the weights of one rule per listener; the
  # listeners' default actions stay on blue and never serve once the rules exist.
  listener_rules = var.deployment_controller == "ECS" ? {
    production = aws_lb_listener.production.arn
    test       = aws_lb_listener.test.arn
  } : {}
}

resource "aws_security_group" "this" {
  name        = "${var.name}-alb"
  description = "Load balancer of ${var.name}: production listener from the allowed CIDRs, test listener only from inside."
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "production" {
  for_each = { for pair in setproduct(local.public_ports, var.ingress_cidr_blocks) : "${pair[0]}-${pair[1]}" => pair }

  security_group_id = aws_security_group.this.id
  description       = "Production traffic on port ${each.value[0]} from ${each.value[1]}"
  ip_protocol       = "tcp"
  from_port         = each.value[0]
  to_port           = each.value[0]
  cidr_ipv4         = each.value[1]

  tags = local.tags
}

# count rather than for_each: the CIDRs may include NAT gateway addresses that are unknown until applied.
resource "aws_vpc_security_group_ingress_rule" "test_cidr" {
  count = length(local.test_listener_cidr_blocks)

  security_group_id = aws_security_group.this.id
  description       = "Test listener (replacement task set before release) from an allowed CIDR"
  ip_protocol       = "tcp"
  from_port         = var.test_listener_port
  to_port           = var.test_listener_port
  cidr_ipv4         = strcontains(local.test_listener_cidr_blocks[count.index], ":") ? null : local.test_listener_cidr_blocks[count.index]
  cidr_ipv6         = strcontains(local.test_listener_cidr_blocks[count.index], ":") ? local.test_listener_cidr_blocks[count.index] : null

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "test_security_group" {
  for_each = var.test_listener_ingress_security_group_ids

  security_group_id            = aws_security_group.this.id
  description                  = "Test listener (replacement task set before release) from security group ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = var.test_listener_port
  to_port                      = var.test_listener_port
  referenced_security_group_id = each.value

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "targets" {
  security_group_id = aws_security_group.this.id
  description       = "Forward to ECS tasks and health-check them on the container port inside the VPC"
  ip_protocol       = "tcp"
  from_port         = var.target_port
  to_port           = var.target_port
  cidr_ipv4         = var.vpc_cidr_block

  tags = local.tags
}

resource "aws_lb" "this" {
  name               = var.name
  load_balancer_type = "application"
  internal           = var.internal
  subnets            = var.subnet_ids
  security_groups    = [aws_security_group.this.id]

  drop_invalid_header_fields = true
  enable_deletion_protection = var.enable_deletion_protection
  idle_timeout               = var.idle_timeout

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == null ? [] : [var.access_logs_bucket]

    content {
      bucket  = access_logs.value
      prefix  = var.name
      enabled = true
    }
  }

  tags = local.tags
}

resource "aws_lb_target_group" "this" {
  for_each = local.target_group_names

  name                 = each.value
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = var.target_port
  vpc_id               = var.vpc_id
  deregistration_delay = var.deregistration_delay

  # Quick checks: a green task set is judged within ~20 s, and a failing task leaves within ~20 s.
  health_check {
    enabled             = true
    path                = var.health_check_path
    matcher             = var.health_check_matcher
    protocol            = "HTTP"
    port                = "traffic-port"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  tags = merge(local.tags, { Name = each.value, Colour = each.key })
}

resource "aws_lb_listener" "redirect" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = local.tags
}

# Plain HTTP only when no certificate_arn is given: documented as not for production.
resource "aws_lb_listener" "production" {
  load_balancer_arn = aws_lb.this.arn
  port              = local.production_port
  protocol          = local.production_protocol
  ssl_policy        = local.https ? var.ssl_policy : null
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this["blue"].arn
  }

  tags = local.tags

  # CodeDeploy moves this listener between the blue and green target groups on every deployment (under ECS the
  # listener rule below carries the traffic instead).
  lifecycle {
    ignore_changes = [default_action]
  }
}

# Same protocol as production, so the hooks test green exactly as users will reach it.
resource "aws_lb_listener" "test" {
  load_balancer_arn = aws_lb.this.arn
  port              = var.test_listener_port
  protocol          = local.production_protocol
  ssl_policy        = local.https ? var.ssl_policy : null
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this["blue"].arn
  }

  tags = local.tags

  # CodeDeploy points this listener at the replacement task set during a deployment.
  lifecycle {
    ignore_changes = [default_action]
  }
}

# Forward-only rules naming both target groups, as ECS native blue/green requires ("resources for blue/green with
# Application Load Balancers", ECS Developer Guide): blue starts with all traffic; every deployment ECS rewrites the
# weights (through the service's infrastructure role), so Terraform leaves the action to ECS after creation. The
# weights start with all traffic on production_colour: blue for a new stack, the serving colour when migrating.
resource "aws_lb_listener_rule" "this" {
  for_each = local.listener_rules

  listener_arn = each.value
  priority     = 1

  action {
    type = "forward"

    forward {
      dynamic "target_group" {
        for_each = aws_lb_target_group.this

        content {
          arn    = target_group.value.arn
          weight = target_group.key == var.production_colour ? 100 : 0
        }
      }
    }
  }

  condition {
    path_pattern {
      values = ["/*"]
    }
  }

  tags = merge(local.tags, { Name = "${var.name}-${each.key}" })

  lifecycle {
    ignore_changes = [action]
  }
}
