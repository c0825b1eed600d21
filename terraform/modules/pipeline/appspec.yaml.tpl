version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "<TASK_DEFINITION>"
        LoadBalancerInfo:
          ContainerName: "${container_name}"
          ContainerPort: ${container_port}
%{ if network_configuration != null ~}
        NetworkConfiguration:
          AwsvpcConfiguration:
            Subnets: ${jsonencode(network_configuration.subnets)}
            SecurityGroups: ${jsonencode(network_configuration.security_groups)}
            AssignPublicIp: "${network_configuration.assign_public_ip ? "ENABLED" : "DISABLED"}"
%{ endif ~}
%{ if length(hooks) > 0 ~}
Hooks:
%{ for hook in hooks ~}
  - ${hook.event}: "${hook.function_name}"
%{ endfor ~}
%{ endif ~}
