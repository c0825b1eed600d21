import { describe, expect, it } from '@jest/globals';
import { Outcome, outcomeOfStatus, outcomeRow } from '../../src/outcome.js';

describe('the outcome table', () => {
  it('gives each ended CodePipeline status its own outcome, and any other status TimedOut', () => {
    // Act
    const outcomes = ['Succeeded', 'Failed', 'Stopped', 'Cancelled', 'Superseded', 'InProgress', 'Stopping'].map(outcomeOfStatus);

    // Assess
    expect(outcomes).toEqual([Outcome.Succeeded, Outcome.Failed, Outcome.Stopped, Outcome.Cancelled, Outcome.Superseded, Outcome.TimedOut, Outcome.TimedOut]);
  });

  it('passes the step and sets success or in_progress only for Succeeded and Started', () => {
    // Act
    const rows = Object.values(Outcome).map((outcome) => [outcome, outcomeRow(outcome).exit, outcomeRow(outcome).deploymentState]);

    // Assess
    expect(rows.filter(([, exit]) => exit === 0)).toEqual([
      [Outcome.Succeeded, 0, 'success'],
      [Outcome.Started, 0, 'in_progress'],
    ]);
    expect(new Set(rows.filter(([, exit]) => exit === 1).map(([, , state]) => state))).toEqual(new Set(['failure', 'inactive']));
  });
});
