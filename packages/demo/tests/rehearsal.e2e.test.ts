import { describe, expect, it } from '@jest/globals';
import { phase, runRehearsal, type RehearsalOptions, type RehearsalResult } from '../src/index.js';

// Shortened timings: 120 simulated seconds per real second, so a 5-minute canary holds for 2.5 s.
const FAST = { speed: 120, ratePerSecond: 100, terminationWaitMinutes: 2 } as const;
const E2E_TIMEOUT_MS = 240_000;

const rehearse = async (options: Omit<RehearsalOptions, 'speed' | 'ratePerSecond'>): Promise<RehearsalResult> => {
  const output: string[] = [];
  const result = await runRehearsal({ ...FAST, ...options, print: (line) => output.push(line) });
  if (!result.expectedOutcomeMet) process.stderr.write(`${output.join('\n')}\n`);
  return result;
};

const failedCheckIn = (result: RehearsalResult): string[] => result.action.main.errors.map((error) => error.message);

describe('the blue/green rehearsal, end to end', () => {
  it(
    'releases v2 with zero failed production requests and v2 serving everything at the end',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'success' });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.action.main.exitCode).toBe(0);
      expect(result.action.main.outputs['status']).toBe('Succeeded');
      expect(result.pipelineStatus).toBe('Succeeded');
      expect(result.load.failed).toBe(0);
      expect(result.cutover.sent).toBeGreaterThan(0);
      expect(result.final.sent).toBeGreaterThan(0);
      expect(result.final.versions).toEqual({ v2: result.final.sent });
      expect(result.deploymentView?.taskSets.map((taskSet) => taskSet.taskSetLabel)).toEqual(['GREEN']);
      expect(result.hookToGreenMs).toBeGreaterThanOrEqual(0);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'rolls back when the hook fails green: v1 serves everything and the action names the failed check',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'hook-fails' });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.action.main.exitCode).not.toBe(0);
      expect(failedCheckIn(result).join('\n')).toContain('check "checkout page" failed');
      expect(result.action.main.summary).toContain('checkout page');
      expect(result.action.main.outputs['failure-message']).toContain('hook CodeDeployHook_greenlight-demo_AfterAllowTestTraffic reported');
      expect(result.pipelineStatus).toBe('Failed');
      expect(result.deploymentView).toMatchObject({ status: 'Failed', rolledBack: true });
      expect(result.load.failed).toBe(0);
      expect(result.load.versions).toEqual({ v1: result.load.sent });
      expect(result.hookReports).toBe(1);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'sends the configured canary share of production to green during the canary window, within sampling error',
    async () => {
      // Prepare
      const share = 0.2;

      // Act
      const result = await rehearse({ scenario: 'canary', deploymentConfig: 'canary:20:5' });

      // Assess: only requests that started and ended inside the window were routed under the canary weights.
      expect(result.problems).toEqual([]);
      const changes = result.load.phaseChanges;
      const windowIndex = changes.findIndex((change) => change.phase === phase.production(20));
      const start = changes[windowIndex]?.at ?? Number.NaN;
      const end = changes[windowIndex + 1]?.at ?? Number.NaN;
      const inWindow = result.load.samples.filter((sample) => sample.startedAt >= start && sample.endedAt <= end);
      const n = inWindow.length;
      const green = inWindow.filter((sample) => sample.version === 'v2').length;
      // Four standard deviations of a binomial(n, 0.2): a correct split falls outside once in ~16,000 runs.
      const bound = 4 * Math.sqrt(n * share * (1 - share));
      expect(n).toBeGreaterThanOrEqual(50);
      expect(Math.abs(green - n * share)).toBeLessThanOrEqual(bound);
      expect(inWindow.every((sample) => sample.version === 'v1' || sample.version === 'v2')).toBe(true);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'rolls production back to v1 through StopDeployment and stops the pipeline when the workflow is cancelled mid-canary',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'cancel' });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.action.main.exitCode).not.toBe(0);
      expect(result.calls.filter((call) => call.operation === 'StopPipelineExecution' && call.status === 200)).toHaveLength(1);
      expect(result.calls.filter((call) => call.operation === 'StopDeployment' && call.status === 200).map((call) => call.input)).toEqual([
        { deploymentId: result.deploymentView?.deploymentId, autoRollbackEnabled: true },
      ]);
      expect(result.pipelineStatus).toBe('Stopped');
      expect(result.deploymentView).toMatchObject({ status: 'Stopped', rolledBack: true });
      expect(result.load.versions['v2']).toBeGreaterThan(0);
      expect(result.load.failed).toBe(0);
      expect(result.final.versions).toEqual({ v1: result.final.sent });
      expect(result.final.sent).toBeGreaterThan(0);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'lets the canary finish with v2 live when the workflow is cancelled with on-cancel: stop, the pipeline Stopped',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'cancel-stop' });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.action.main.exitCode).not.toBe(0);
      expect(result.action.main.stdout).toMatch(/on-cancel is stop: deployment d-\w+, in progress, completes/);
      expect(result.calls.filter((call) => call.operation === 'StopPipelineExecution' && call.status === 200)).toHaveLength(1);
      expect(result.calls.filter((call) => call.operation === 'StopDeployment')).toHaveLength(0);
      expect(result.pipelineStatus).toBe('Stopped');
      expect(result.deploymentView?.status).toBe('Succeeded');
      expect(result.load.failed).toBe(0);
      expect(result.final.versions).toEqual({ v2: result.final.sent });
      expect(result.final.sent).toBeGreaterThan(0);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'releases the same way while AWS throttles and answers 5xx: one execution, one hook report, nothing failed',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'faults', seed: 3 });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.awsCalls.faulted).toBeGreaterThan(0);
      expect(result.action.main.exitCode).toBe(0);
      expect(result.executionCount).toBe(1);
      expect(result.hookReports).toBe(1);
      expect(result.load.failed).toBe(0);
      expect(result.final.versions).toEqual({ v2: result.final.sent });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'rolls back the same way while AWS throttles and answers 5xx, still naming the failed check',
    async () => {
      // Act
      const result = await rehearse({
        scenario: 'hook-fails',
        seed: 5,
        faults: { throttleRate: 0.3, serverErrorRate: 0.1 },
      });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.awsCalls.faulted).toBeGreaterThan(0);
      expect(result.action.main.exitCode).not.toBe(0);
      expect(failedCheckIn(result).join('\n')).toContain('check "checkout page" failed');
      expect(result.executionCount).toBe(1);
      expect(result.hookReports).toBe(1);
      expect(result.load.versions).toEqual({ v1: result.load.sent });
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'releases the same way when AWS drops connections and answers slowly: exactly one execution, nothing failed',
    async () => {
      // Act
      const result = await rehearse({
        scenario: 'success',
        seed: 4,
        faults: { dropRate: 0.15, throttleRate: 0.2, latencyMs: [20, 300] },
      });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.calls.some((call) => call.fault === 'drop-before-handling' || call.fault === 'drop-after-handling')).toBe(true);
      expect(result.executionCount).toBe(1);
      expect(result.hookReports).toBe(1);
      expect(result.load.failed).toBe(0);
    },
    E2E_TIMEOUT_MS,
  );

  it(
    'stops and rolls back the same way when the workflow is cancelled while AWS throttles and answers 5xx',
    async () => {
      // Act
      const result = await rehearse({ scenario: 'cancel', seed: 2, faults: { throttleRate: 0.3, serverErrorRate: 0.1 } });

      // Assess
      expect(result.problems).toEqual([]);
      expect(result.awsCalls.faulted).toBeGreaterThan(0);
      expect(result.pipelineStatus).toBe('Stopped');
      expect(result.deploymentView).toMatchObject({ status: 'Stopped', rolledBack: true });
      expect(result.executionCount).toBe(1);
      expect(result.load.failed).toBe(0);
      expect(result.final.versions).toEqual({ v1: result.final.sent });
    },
    E2E_TIMEOUT_MS,
  );
});
