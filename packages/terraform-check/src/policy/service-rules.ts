import { blocksOf, isObject, type HclObject, type HclValue } from '../hcl.js';
import { perResource } from './per-resource.js';
import type { PolicyHit, PolicyRule } from './policy-rule.js';
import { firstBlock } from './values.js';

const logRetention = perResource(
  { id: 'CKV_AWS_66', mirrors: 'checkov CKV_AWS_66', title: 'Log groups have a retention period', waivable: true },
  ['aws_cloudwatch_log_group'],
  async (block, { values }) => {
    const days = 'retention_in_days' in block.body ? await values.scalar(block.body.retention_in_days) : 0;
    if (days === undefined || (typeof days === 'number' && days > 0)) return undefined;
    return { block, member: 'retention_in_days', message: `${block.labels.join('.')} keeps logs forever: set retention_in_days` };
  },
);

const codeBuildPrivileged = perResource(
  { id: 'CKV_AWS_316', mirrors: 'checkov CKV_AWS_316', title: 'CodeBuild privileged mode only with a waiver', waivable: true },
  ['aws_codebuild_project'],
  async (block, { values }) => {
    const environment = firstBlock(block.body, 'environment');
    if ((await values.scalar(environment?.privileged_mode)) !== true) return undefined;
    const message = `${block.labels.join('.')} runs builds in privileged mode (root on the build host): waive it with a reason if docker builds need it`;
    return { block, member: 'privileged_mode', message };
  },
);

const lambdaTracing = perResource(
  { id: 'CKV_AWS_50', mirrors: 'checkov CKV_AWS_50', title: 'Lambda functions have X-Ray tracing', waivable: true },
  ['aws_lambda_function'],
  async (block, { values }) => {
    const mode = await values.scalar(firstBlock(block.body, 'tracing_config')?.mode);
    if (mode === 'Active' || (mode === undefined && 'tracing_config' in block.body)) return undefined;
    return { block, member: 'tracing_config', message: `${block.labels.join('.')} has no active X-Ray tracing: add tracing_config { mode = "Active" }` };
  },
);

const ecsPublicIp = perResource(
  { id: 'CKV_AWS_333', mirrors: 'checkov CKV_AWS_333', title: 'ECS services get no public IP', waivable: true },
  ['aws_ecs_service'],
  async (block, { values }) => {
    const network = firstBlock(block.body, 'network_configuration');
    if ((await values.scalar(network?.assign_public_ip)) !== true) return undefined;
    return { block, member: 'assign_public_ip', message: `${block.labels.join('.')} assigns public IPs to tasks: run them in private subnets with assign_public_ip = false` };
  },
);

const containerName = (container: HclObject): string => {
  return typeof container.name === 'string' ? container.name : '(unnamed)';
};

const containerHits = (address: string, block: PolicyHit['block'], containers: HclValue[]): PolicyHit[] => {
  const hits: PolicyHit[] = [];
  for (const container of blocksOf(containers)) {
    const name = containerName(container);
    const readOnly = container.readonlyRootFilesystem;
    if (readOnly === false || readOnly === undefined || readOnly === null) {
      hits.push({ block, member: 'container_definitions', message: `container "${name}" of ${address} has a writable root filesystem: set readonlyRootFilesystem = true` });
    }
  }
  return hits;
};

const readOnlyRoot = perResource(
  { id: 'CKV_AWS_336', mirrors: 'checkov CKV_AWS_336', title: 'ECS containers have a read-only root filesystem', waivable: true },
  ['aws_ecs_task_definition'],
  async (block, { values }) => {
    const containers = await values.resolve(block.body.container_definitions);
    if (Array.isArray(containers) && containers.every((container) => isObject(container))) {
      return containerHits(block.labels.join('.'), block, containers);
    }
    // Built with merge() or a filtering for: judge by what readonlyRootFilesystem is set to in the source.
    const setting = await values.fieldInSource(block.body.container_definitions, 'readonlyRootFilesystem');
    if (setting.set && setting.value !== false) return undefined;
    const how = setting.set ? 'sets readonlyRootFilesystem to false' : 'sets no readonlyRootFilesystem';
    return { block, member: 'container_definitions', message: `${block.labels.join('.')} ${how}: set readonlyRootFilesystem = true` };
  },
);

const noPrivilegedContainers = perResource(
  { id: 'CKV_AWS_334', mirrors: 'checkov CKV_AWS_334', title: 'ECS containers are not privileged', waivable: true },
  ['aws_ecs_task_definition'],
  async (block, { values }) => {
    const containers = await values.resolve(block.body.container_definitions);
    if (!Array.isArray(containers) || !containers.every((container) => isObject(container))) {
      const privileged = await values.fieldInSource(block.body.container_definitions, 'privileged');
      if (privileged.value !== true) return undefined;
      return { block, member: 'container_definitions', message: `${block.labels.join('.')} runs a privileged container: remove privileged = true` };
    }
    return blocksOf(containers)
      .filter((container) => container.privileged === true)
      .map((container) => ({
        block,
        member: 'container_definitions',
        message: `container "${containerName(container)}" of ${block.labels.join('.')} is privileged: remove privileged = true`,
      }));
  },
);

const serviceRules: readonly PolicyRule[] = [logRetention, codeBuildPrivileged, lambdaTracing, ecsPublicIp, readOnlyRoot, noPrivilegedContainers];

export { serviceRules };
