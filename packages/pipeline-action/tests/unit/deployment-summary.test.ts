import { describe, expect, it } from '@jest/globals';
import { outcomes } from '../../src/outcome.js';
import type { DeploymentStory } from '../../src/deployment-story.js';
import type { ExecutionReport } from '../../src/report.js';
import { renderSummary } from '../../src/summary.js';
import { actionRun, executionReport } from './runs.js';

const at = (second: number): Date => new Date(Date.UTC(2026, 10, 26, 10, 0, second));

const baseStory: DeploymentStory = {
  phases: [
    { name: 'Install', start: at(0), end: at(10), status: 'Succeeded' },
    { name: 'AllowTraffic', start: at(10), end: undefined, status: 'InProgress' },
  ],
  traffic: [
    { at: at(1), listener: 'production', weights: [{ target: 'Blue', weight: 100 }, { target: 'Green', weight: 0 }] },
    { at: at(12), listener: 'production', weights: [{ target: 'Blue', weight: 90 }, { target: 'Green', weight: 10 }] },
  ],
  hookChecks: { checks: [], note: 'The AfterAllowTestTraffic hook\'s checks are not shown. Allow logs:FilterLogEvents.' },
};

const report = (overrides: Partial<ExecutionReport>): ExecutionReport =>
  executionReport({
    outcome: outcomes.Succeeded,
    status: 'Succeeded',
    runs: [actionRun({ stageName: 'Deploy', actionName: 'Deploy' })],
    deploymentId: 'd-ABCDEFGHI',
    deploymentStory: baseStory,
    ...overrides,
  });

describe('the deployment section of the job summary', () => {
  it('marks the phase that was running when the step stopped at its timeout', () => {
    // Act
    const markdown = renderSummary(report({ outcome: outcomes.TimedOut, status: 'InProgress' }));

    // Assess
    expect(markdown).toContain('| AllowTraffic | 10:00:10 |  |  | 🔄 InProgress ⏸ **current** (the step ended: timeout-minutes reached) |');
    expect(markdown).toContain('| Install | 10:00:00 | 10:00:10 | 10 s | ✅ Succeeded |');
  });

  it('marks no phase as current when the step followed the deployment to its end', () => {
    // Act
    const markdown = renderSummary(report({}));

    // Assess
    expect(markdown).not.toContain('**current**');
  });

  it('names the failed phase, its reason and where production traffic went after it', () => {
    // Prepare
    const failed = actionRun({ stageName: 'Deploy', actionName: 'Deploy', status: 'Failed', errorMessage: 'The AllowTraffic event failed <b>' });
    const story: DeploymentStory = {
      ...baseStory,
      phases: [{ name: 'AllowTraffic', start: at(10), end: at(20), status: 'Failed' }],
      traffic: [...baseStory.traffic, { at: at(21), listener: 'production', weights: [{ target: 'Blue', weight: 100 }] }],
    };

    // Act
    const markdown = renderSummary(report({ outcome: outcomes.Failed, status: 'Failed', runs: [failed], failedRun: failed, deploymentStory: story }));

    // Assess
    expect(markdown).toContain('**Failed at AllowTraffic**: The AllowTraffic event failed &lt;b&gt;');
    expect(markdown).toContain('Rollback: production traffic on Blue 100% at 10:00:21.');
  });

  it('says why the hook checks are missing instead of leaving them out silently', () => {
    // Act
    const markdown = renderSummary(report({}));

    // Assess
    expect(markdown).toContain('_The AfterAllowTestTraffic hook\'s checks are not shown. Allow logs:FilterLogEvents._');
    expect(markdown).toContain('Traffic: production Blue 100% → Blue 90% · Green 10% at 10:00:12');
  });
});
