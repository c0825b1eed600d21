import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Simulator, startSimulator } from '@greenlight/aws-sim';
import { createAwsApi } from '../../src/aws-api.js';
import { discoverTestListenerUrl } from '../../src/discovery.js';
import { TestListenerDiscoveryError } from '../../src/errors.js';
import { simClients } from '../support/sim-clients.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
});

afterAll(async () => {
  await sim.stop();
});

const deploymentIn = (group: { testListenerArns: string[]; prodListenerArns: string[] }, name: string): string => {
  sim.codedeploy.addDeploymentGroup({ applicationName: 'app', deploymentGroupName: name, targetGroups: ['b', 'g'], ...group });
  return sim.codedeploy.createDeployment({ applicationName: 'app', deploymentGroupName: name }).deploymentId;
};

const discover = (deploymentId: string): Promise<string> =>
  discoverTestListenerUrl({ aws: createAwsApi(simClients(sim)), deploymentId, deadline: Date.now() + 10_000 });

describe('discoverTestListenerUrl', () => {
  it('builds an https URL from an HTTPS test listener on port 8443, not the production listener', async () => {
    // Prepare
    const balancer = sim.elbv2.addLoadBalancer({
      dnsName: 'internal-shop-123.us-east-1.elb.amazonaws.com',
      scheme: 'internal',
      listeners: [
        { port: 443, protocol: 'HTTPS' },
        { port: 8443, protocol: 'HTTPS' },
      ],
    });
    const deploymentId = deploymentIn(
      { prodListenerArns: [balancer.listenerArns[0] ?? ''], testListenerArns: [balancer.listenerArns[1] ?? ''] },
      'https-group',
    );

    // Act
    const url = await discover(deploymentId);

    // Assess
    expect(url).toBe('https://internal-shop-123.us-east-1.elb.amazonaws.com:8443');
  });

  it('survives throttling and 5xx answers along the way', async () => {
    // Prepare
    const balancer = sim.elbv2.addLoadBalancer({ dnsName: 'shop.elb.test', scheme: 'internal', listeners: [{ port: 8080, protocol: 'HTTP' }] });
    const deploymentId = deploymentIn({ prodListenerArns: [], testListenerArns: [balancer.listenerArns[0] ?? ''] }, 'flaky-group');
    sim.setFaults({ throttleRate: 0.5, serverErrorRate: 0.3, maxFaults: 5 });

    // Act
    const url = await discover(deploymentId).finally(() => sim.setFaults({}));

    // Assess
    expect(url).toBe('http://shop.elb.test:8080');
  });

  it('explains what to configure when the deployment group has no test traffic route', async () => {
    // Prepare
    const deploymentId = deploymentIn({ prodListenerArns: [], testListenerArns: [] }, 'no-test-route');

    // Act
    const outcome = discover(deploymentId);

    // Assess
    await expect(outcome).rejects.toThrow(TestListenerDiscoveryError);
    await expect(outcome).rejects.toThrow(
      /Deployment group no-test-route has no test traffic route: add testTrafficRoute\.listenerArns .* or set targetUrl/,
    );
  });
});
