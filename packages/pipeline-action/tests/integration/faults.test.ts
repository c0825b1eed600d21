import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FaultSpec, PipelineScenario } from '@greenlight/aws-sim';
import { appPipeline, BUILD_FAILS, startHarness, type Harness } from '../support/harness.js';

// Every call meets a fault with probability 0.3 + 0.15 + 0.15, plus slow answers.
const FAULTS: FaultSpec = {
  throttleRate: 0.3,
  serverErrorRate: 0.15,
  dropRate: 0.15,
  dropPhase: 'both',
  latencyMs: [20, 250],
};

const failing = (name: string): PipelineScenario => appPipeline(name, BUILD_FAILS);

describe('under throttling, 5xx, dropped connections and slow answers', () => {
  let harness: Harness;

  beforeAll(async () => {
    // Slower simulated time, so the execution spans many polls that each may meet a fault.
    harness = await startHarness([appPipeline('calm-success'), appPipeline('stormy-success'), failing('calm-failure'), failing('stormy-failure'), appPipeline('lost-answers')], {
      timeScale: 0.1,
      seed: 11,
    });
  });
  afterAll(async () => harness.stop());

  it.each([
    ['success', 'calm-success', 'stormy-success'],
    ['failure', 'calm-failure', 'stormy-failure'],
  ])('reaches the same %s outcome with exactly one execution started', async (_outcome, calm, stormy) => {
    // Prepare
    harness.sim.setFaults({});
    const reference = await harness.run({ 'pipeline-name': calm });
    harness.sim.setFaults(FAULTS);
    const firstCall = harness.sim.calls.length;

    // Act
    const result = await harness.run({ 'pipeline-name': stormy });

    // Assess
    harness.sim.setFaults({});
    const faulted = harness.sim.calls.slice(firstCall).filter((call) => call.fault !== undefined);
    expect(faulted.length).toBeGreaterThanOrEqual(3);
    expect(harness.sim.executions(stormy)).toHaveLength(1);
    expect(result.exitCode).toBe(reference.exitCode);
    expect(result.errors.map((error) => error.properties['title'])).toEqual(reference.errors.map((error) => error.properties['title']));
    for (const output of ['status', 'failed-stage', 'failed-action', 'failure-message'] as const) {
      expect(result.outputs[output]).toBe(reference.outputs[output]);
    }
    expect(result.outputs['execution-id']).toBe(harness.sim.executions(stormy)[0]?.id);
    for (const action of ['Source › Source', 'Build › Build']) {
      expect(result.stdout.split('\n').filter((line) => line.includes(`▶ ${action} started`))).toHaveLength(1);
    }
  });

  it('starts exactly one execution when StartPipelineExecution answers are lost after it started', async () => {
    // Prepare
    harness.sim.setFaults({ operations: ['StartPipelineExecution'], dropRate: 1, dropPhase: 'after', maxFaults: 2 });

    // Act
    const result = await harness.run({ 'pipeline-name': 'lost-answers', wait: 'false' });

    // Assess
    harness.sim.setFaults({});
    const starts = harness.callsFor('StartPipelineExecution', 'lost-answers');
    expect(starts.filter((call) => call.fault === 'drop-after-handling')).toHaveLength(2);
    expect(new Set(starts.map((call) => call.input['clientRequestToken'])).size).toBe(1);
    expect(harness.sim.executions('lost-answers')).toHaveLength(1);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['execution-id']).toBe(harness.sim.executions('lost-answers')[0]?.id);
  });
});
