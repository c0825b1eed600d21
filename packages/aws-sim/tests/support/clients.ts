import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Simulator } from '../../src/index.js';

interface Clients {
  readonly codepipeline: CodePipelineClient;
  readonly codedeploy: CodeDeployClient;
  readonly codebuild: CodeBuildClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ecs: ECSClient;
  destroy(): void;
}

/**
 * The real SDK v3 clients, configured only from `sim.env` as product code would be from its environment.
 * `maxAttempts` is the SDK's own retry budget (standard retry mode).
 */
const clientsFor = (sim: Simulator, maxAttempts = 3): Clients => {
  const config = {
    region: sim.env['AWS_REGION'] ?? 'us-east-1',
    credentials: { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    maxAttempts,
  };
  const clients = {
    codepipeline: new CodePipelineClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_CODEPIPELINE'] ?? '' }),
    codedeploy: new CodeDeployClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_CODEDEPLOY'] ?? '' }),
    codebuild: new CodeBuildClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_CODEBUILD'] ?? '' }),
    logs: new CloudWatchLogsClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'] ?? '' }),
    cloudwatch: new CloudWatchClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_CLOUDWATCH'] ?? '' }),
    elbv2: new ElasticLoadBalancingV2Client({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2'] ?? '' }),
    ecs: new ECSClient({ ...config, endpoint: sim.env['AWS_ENDPOINT_URL_ECS'] ?? '' }),
  };
  return {
    ...clients,
    destroy: () => {
      Object.values(clients).forEach((client) => client.destroy());
    },
  };
};

export { clientsFor };
export type { Clients };
