version: 0.0
Resources:
  - TargetService:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: "<TASK_DEFINITION>"
        LoadBalancerInfo:
          ContainerName: "${container_name}"
          ContainerPort: ${container_port}
%{ if length(hooks) > 0 ~}
Hooks:
%{ for hook in hooks ~}
  - ${hook.event}: "${hook.function_name}"
%{ endfor ~}
%{ endif ~}
