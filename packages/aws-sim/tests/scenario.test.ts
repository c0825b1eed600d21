import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startSimulator, type PipelineScenario, type Simulator } from '../src/index.js';
import { blueGreenPipeline } from './support/scenarios.js';

const SOURCE = { name: 'Source', actions: [{ name: 'Source', category: 'Source', provider: 'S3' }] };
const BUILD = { name: 'Build', actions: [{ name: 'Build', category: 'Build', provider: 'CodeBuild' }] };

describe('scenario validation and in-process misuse', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
  });

  afterEach(async () => {
    await sim.stop();
  });

  it.each([
    ['a name with spaces', { name: 'my app', stages: [SOURCE, BUILD] }, 'name must match'],
    ['a single stage', { name: 'p', stages: [SOURCE] }, 'stages must be an array of at least two stages'],
    ['a stage without actions', { name: 'p', stages: [SOURCE, { name: 'Build', actions: [] }] }, 'stage "Build" must have at least one action'],
    ['a stage name used twice', { name: 'p', stages: [SOURCE, { ...BUILD, name: 'Source' }] }, 'stage name "Source" is used twice'],
    ['an action name used twice', { name: 'p', stages: [SOURCE, { name: 'Build', actions: [{ ...BUILD.actions[0], name: 'Source' }] }] }, 'action name "Source" is used twice'],
    ['an action without provider', { name: 'p', stages: [SOURCE, { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] }] }, 'needs a category and a provider'],
    ['a negative duration', { name: 'p', stages: [SOURCE, { name: 'Build', actions: [{ ...BUILD.actions[0], durationSeconds: -1 }] }] }, 'durationSeconds must be a number ≥ 0'],
    ['an unknown outcome', { name: 'p', stages: [SOURCE, { name: 'Build', actions: [{ ...BUILD.actions[0], outcome: 'Maybe' }] }] }, 'outcome must be Succeeded or Failed'],
    ['an ending before an unknown stage', { name: 'p', stages: [SOURCE, BUILD], ending: { status: 'Stopped', beforeStage: 'Deploy' } }, 'ending.beforeStage "Deploy"'],
    ['a zero page size', { name: 'p', stages: [SOURCE, BUILD], listPageSize: 0 }, 'listPageSize must be ≥ 1'],
    ['a stage that is not an object', { name: 'p', stages: [SOURCE, 'Build'] }, 'every stage must be an object with a name'],
  ])('rejects %s with SimulatorScenarioError saying what is wrong', (_case, scenario, message) => {
    // Act
    const add = (): void => sim.addPipeline(scenario as unknown as PipelineScenario);

    // Assess
    expect(add).toThrow(expect.objectContaining({ name: 'SimulatorScenarioError', message: expect.stringContaining(message) }));
  });

  it('accepts the greenlight stack scenario', () => {
    // Act
    sim.addPipeline(blueGreenPipeline('app'));

    // Assess
    expect(sim.executions('app')).toEqual([]);
  });

  it('refuses a timeScale that is not positive', async () => {
    // Act
    const start = startSimulator({ timeScale: 0 });

    // Assess
    await expect(start).rejects.toMatchObject({ name: 'SimulatorUsageError', message: expect.stringContaining('timeScale must be a number > 0') });
  });

  it('answers in-process lookups of unknown pipelines and deployments with SimulatorUsageError', async () => {
    // Act
    const executions = (): unknown => sim.executions('missing');
    const deployment = (): unknown => sim.codedeploy.deployment('d-AAAAAAAAA');
    const wait = sim.waitForExecution('missing', '00000000-0000-4000-a000-000000000000');

    // Assess
    expect(executions).toThrow(expect.objectContaining({ name: 'SimulatorUsageError', message: expect.stringContaining("pipeline with name 'missing'") }));
    expect(deployment).toThrow(expect.objectContaining({ name: 'SimulatorUsageError', message: expect.stringContaining('d-AAAAAAAAA') }));
    await expect(wait).rejects.toMatchObject({ name: 'SimulatorUsageError' });
  });
});
