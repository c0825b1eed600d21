import { describe, expect, it } from '@jest/globals';
import { outcomes, outcomeOfStatus, outcomeRow } from '../../src/outcome.js';

describe('the outcome table', () => {
  it('gives each ended CodePipeline status its own outcome, and any other status TimedOut', () => {
    // Act
    const seen = ['Succeeded', 'Failed', 'Stopped', 'Cancelled', 'Superseded', 'InProgress', 'Stopping'].map(outcomeOfStatus);

    // Assess
    expect(seen).toEqual([outcomes.Succeeded, outcomes.Failed, outcomes.Stopped, outcomes.Cancelled, outcomes.Superseded, outcomes.TimedOut, outcomes.TimedOut]);
  });

  it('passes the step and sets success or in_progress only for Succeeded and Started', () => {
    // Act
    const rows = Object.values(outcomes).map((outcome) => [outcome, outcomeRow(outcome).exit, outcomeRow(outcome).deploymentState]);

    // Assess
    expect(rows.filter(([, exit]) => exit === 0)).toEqual([
      [outcomes.Succeeded, 0, 'success'],
      [outcomes.Started, 0, 'in_progress'],
    ]);
    expect(new Set(rows.filter(([, exit]) => exit === 1).map(([, , state]) => state))).toEqual(new Set(['failure', 'inactive']));
  });
});
