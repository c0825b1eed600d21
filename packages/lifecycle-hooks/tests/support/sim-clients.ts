import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Simulator } from '@greenlight/aws-sim';
import type { AwsClients } from '../../src/aws-api.js';

/** SDK clients aimed at the simulator, configured as the hook configures its own (one attempt per call). */
const simClients = (sim: Simulator): Required<AwsClients> => {
  const config = {
    endpoint: sim.endpoint,
    region: sim.region,
    credentials: { accessKeyId: sim.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: sim.env['AWS_SECRET_ACCESS_KEY'] ?? '' },
    maxAttempts: 1,
  };
  return { codeDeploy: new CodeDeployClient(config), elbv2: new ElasticLoadBalancingV2Client(config) };
};

export { simClients };
