import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeListenersCommand, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startSimulator, type LoadBalancerArns, type Simulator } from '../src/index.js';
import { clientsFor, type Clients } from './support/clients.js';
import { signedFetch } from './support/signed-fetch.js';

describe('ELBv2 (AWS Query protocol)', () => {
  let sim: Simulator;
  let aws: Clients;
  let lb: LoadBalancerArns;

  beforeEach(async () => {
    sim = await startSimulator({ seed: 2 });
    aws = clientsFor(sim);
    lb = sim.elbv2.addLoadBalancer({
      name: 'app-alb',
      dnsName: 'app-alb-123.us-east-1.elb.amazonaws.com',
      scheme: 'internal',
      listeners: [
        { port: 443, protocol: 'HTTPS' },
        { port: 8443, protocol: 'HTTPS' },
      ],
    });
  });

  afterEach(async () => {
    aws.destroy();
    await sim.stop();
  });

  it('describes listeners by ARN with port, protocol and load balancer', async () => {
    // Act
    const { Listeners } = await aws.elbv2.send(new DescribeListenersCommand({ ListenerArns: [lb.listenerArns[1] ?? ''] }));

    // Assess
    expect(Listeners).toEqual([expect.objectContaining({ ListenerArn: lb.listenerArns[1], Port: 8443, Protocol: 'HTTPS', LoadBalancerArn: lb.loadBalancerArn })]);
  });

  it('describes the listeners of a load balancer', async () => {
    // Act
    const { Listeners } = await aws.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.loadBalancerArn }));

    // Assess
    expect(Listeners?.map((listener) => listener.Port)).toEqual([443, 8443]);
  });

  it('describes load balancers by ARN with DNS name, scheme and creation time', async () => {
    // Act
    const { LoadBalancers } = await aws.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.loadBalancerArn] }));

    // Assess
    expect(LoadBalancers?.[0]).toMatchObject({
      LoadBalancerArn: lb.loadBalancerArn,
      DNSName: 'app-alb-123.us-east-1.elb.amazonaws.com',
      Scheme: 'internal',
      LoadBalancerName: 'app-alb',
      Type: 'application',
      State: { Code: 'active' },
    });
    expect(LoadBalancers?.[0]?.CreatedTime).toBeInstanceOf(Date);
  });

  it('answers ListenerNotFoundException and LoadBalancerNotFoundException as XML errors the SDK understands', async () => {
    // Act
    const listener = aws.elbv2.send(new DescribeListenersCommand({ ListenerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/1/2'] }));
    const balancer = aws.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1'] }));

    // Assess
    await expect(listener).rejects.toMatchObject({ name: 'ListenerNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(balancer).rejects.toMatchObject({ name: 'LoadBalancerNotFoundException' });
  });

  it('answers AccessDenied for an operation it does not implement', async () => {
    // Act
    const response = await signedFetch(
      sim,
      { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DeleteLoadBalancer&Version=2015-12-01&LoadBalancerArn=x' },
      { signingName: 'elasticloadbalancing' },
    );
    const body = await response.text();

    // Assess
    expect(response.status).toBe(403);
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('elasticloadbalancing:DeleteLoadBalancer');
  });
});
