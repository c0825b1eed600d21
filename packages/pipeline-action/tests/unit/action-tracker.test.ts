import type { ActionExecutionDetail } from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from '@jest/globals';
import { ActionTracker, plannedStages } from '../../src/action-tracker.js';
import { typicalDurations } from '../../src/history.js';

const detail = (actionName: string, status: string, startSecond: number, endSecond: number, executionId = 'e1'): ActionExecutionDetail => ({
  pipelineExecutionId: executionId,
  actionExecutionId: `${executionId}-${actionName}-${startSecond}`,
  stageName: actionName === 'Source' ? 'Source' : 'Build',
  actionName,
  status: status as ActionExecutionDetail['status'],
  startTime: new Date(startSecond * 1000),
  lastUpdateTime: new Date(endSecond * 1000),
});

describe('ActionTracker', () => {
  it('reports each start and end once however often a run is seen', () => {
    // Prepare
    const tracker = new ActionTracker([]);

    // Act
    const first = tracker.update([detail('Source', 'InProgress', 0, 1)]);
    const again = tracker.update([detail('Source', 'InProgress', 0, 2)]);
    const ended = tracker.update([detail('Build', 'InProgress', 5, 5), detail('Source', 'Succeeded', 0, 5)]);
    const repeat = tracker.update([detail('Build', 'InProgress', 5, 6), detail('Source', 'Succeeded', 0, 5)]);

    // Assess
    expect(first.map((event) => `${event.kind} ${event.run.actionName}`)).toEqual(['started Source']);
    expect(again).toEqual([]);
    expect(ended.map((event) => `${event.kind} ${event.run.actionName}`)).toEqual(['ended Source', 'started Build']);
    expect(repeat).toEqual([]);
    expect(tracker.inProgress().map((run) => run.actionName)).toEqual(['Build']);
  });

  it('reports a run first seen already finished as started and ended', () => {
    // Prepare
    const tracker = new ActionTracker([]);

    // Act
    const events = tracker.update([detail('Source', 'Succeeded', 0, 5)]);

    // Assess
    expect(events.map((event) => event.kind)).toEqual(['started', 'ended']);
    expect(events[1]?.run.endTime).toEqual(new Date(5000));
  });

  it('judges an action by its latest run after a retry', () => {
    // Prepare
    const tracker = new ActionTracker([]);

    // Act
    tracker.update([detail('Build', 'Failed', 5, 10), detail('Build', 'Succeeded', 20, 30)]);

    // Assess
    expect(tracker.failed()).toBeUndefined();
    expect(tracker.latest('Build', 'Build')?.status).toBe('Succeeded');
  });

  it('takes the planned stages and providers from the pipeline declaration', () => {
    // Act
    const stages = plannedStages({
      name: 'app',
      roleArn: 'arn',
      stages: [{ name: 'Build', actions: [{ name: 'Compile', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' } }] }],
    });
    const tracker = new ActionTracker(stages);
    tracker.update([{ ...detail('Compile', 'Failed', 0, 3), stageName: 'Build' }]);

    // Assess
    expect(stages).toEqual([{ name: 'Build', actions: [{ stageName: 'Build', actionName: 'Compile', provider: 'CodeBuild' }] }]);
    expect(tracker.failed()?.provider).toBe('CodeBuild');
  });
});

describe('typicalDurations', () => {
  it('takes the median duration of succeeded runs per action', () => {
    // Act
    const durations = typicalDurations([
      detail('Build', 'Succeeded', 0, 30, 'a'),
      detail('Build', 'Succeeded', 0, 40, 'b'),
      detail('Build', 'Succeeded', 0, 100, 'c'),
      detail('Build', 'Failed', 0, 2, 'd'),
      detail('Source', 'Succeeded', 0, 4, 'a'),
      detail('Source', 'Succeeded', 0, 6, 'b'),
    ]);

    // Assess
    expect(durations).toEqual(new Map([['Build/Build', 40_000], ['Source/Source', 5_000]]));
  });
});
