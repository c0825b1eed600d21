import { describe, expect, it } from '@jest/globals';
import { FaultInjector } from '../src/faults.js';

const tally = (injector: FaultInjector, calls: number, operation = 'GetPipelineExecution'): Map<string, number> => {
  const counts = new Map<string, number>();
  for (let i = 0; i < calls; i += 1) {
    const fault = injector.decide('codepipeline', operation).fault ?? 'none';
    counts.set(fault, (counts.get(fault) ?? 0) + 1);
  }
  return counts;
};

describe('fault injector', () => {
  it('injects each fault in proportion to its rate', () => {
    // Prepare
    const injector = new FaultInjector(99, { throttleRate: 0.3, serverErrorRate: 0.1, dropRate: 0.2 });

    // Act
    const counts = tally(injector, 10_000);

    // Assess
    expect((counts.get('throttle') ?? 0) / 10_000).toBeCloseTo(0.3, 1);
    expect(((counts.get('internal-error') ?? 0) + (counts.get('service-unavailable') ?? 0)) / 10_000).toBeCloseTo(0.1, 1);
    expect(((counts.get('drop-before-handling') ?? 0) + (counts.get('drop-after-handling') ?? 0)) / 10_000).toBeCloseTo(0.2, 1);
    expect((counts.get('none') ?? 0) / 10_000).toBeCloseTo(0.4, 1);
  });

  it('stops injecting after maxFaults, and counts afresh after setFaults', () => {
    // Prepare
    const injector = new FaultInjector(1, { throttleRate: 1, maxFaults: 2 });

    // Act
    const first = tally(injector, 5);
    injector.set({ throttleRate: 1, maxFaults: 1 });
    const second = tally(injector, 5);

    // Assess
    expect(first.get('throttle')).toBe(2);
    expect(first.get('none')).toBe(3);
    expect(second.get('throttle')).toBe(1);
  });

  it('limits rates and latency to the listed operations, by name or service:name', () => {
    // Prepare
    const injector = new FaultInjector(1, { throttleRate: 1, latencyMs: [5, 5], operations: ['codepipeline:StartPipelineExecution', 'GetPipeline'] });

    // Act
    const start = injector.decide('codepipeline', 'StartPipelineExecution');
    const get = injector.decide('codepipeline', 'GetPipeline');
    const other = injector.decide('codepipeline', 'GetPipelineExecution');

    // Assess
    expect([start.fault, start.latencyMs]).toEqual(['throttle', 5]);
    expect(get.fault).toBe('throttle');
    expect(other).toEqual({ latencyMs: 0 });
  });

  it('drops only in the requested phase', () => {
    // Prepare
    const before = new FaultInjector(1, { dropRate: 1, dropPhase: 'before' });
    const after = new FaultInjector(1, { dropRate: 1, dropPhase: 'after' });

    // Act
    const beforeFaults = tally(before, 20);
    const afterFaults = tally(after, 20);

    // Assess
    expect([...beforeFaults.keys()]).toEqual(['drop-before-handling']);
    expect([...afterFaults.keys()]).toEqual(['drop-after-handling']);
  });

  it('denies and expires credentials regardless of maxFaults and the operations filter', () => {
    // Prepare
    const denying = new FaultInjector(1, { deny: ['logs:GetLogEvents'], maxFaults: 0, operations: ['Other'] });
    const expired = new FaultInjector(1, { expiredCredentials: true });

    // Act
    const denied = denying.decide('logs', 'GetLogEvents').fault;
    const allowed = denying.decide('codebuild', 'BatchGetBuilds').fault;
    const expiredFault = expired.decide('codedeploy', 'GetDeployment').fault;

    // Assess
    expect(denied).toBe('denied');
    expect(allowed).toBeUndefined();
    expect(expiredFault).toBe('expired-credentials');
  });

  it('matches every operation of a service with service:*', () => {
    // Prepare
    const injector = new FaultInjector(1, { deny: ['codedeploy:*'] });

    // Act
    const deployment = injector.decide('codedeploy', 'GetDeploymentTarget').fault;
    const pipeline = injector.decide('codepipeline', 'GetPipelineExecution').fault;

    // Assess
    expect(deployment).toBe('denied');
    expect(pipeline).toBeUndefined();
  });
});
