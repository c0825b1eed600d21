import { isRecord, recordOrEmpty } from './plain-values.js';
import type { PlainRecord } from './plain-values.js';
import type { YamlSource } from './yaml-source.js';

/** One `uses:` of a workflow: a step's action or a job's reusable workflow. */
interface UsesReference {
  readonly jobId: string;
  readonly ref: string;
  readonly with: PlainRecord;
  readonly line: number;
  /** The whole source line, trailing `# vX.Y.Z` comment included. */
  readonly lineText: string;
}

interface WorkflowStep {
  readonly jobId: string;
  readonly index: number;
  readonly line: number;
  readonly definition: PlainRecord;
}

interface WorkflowJob {
  readonly id: string;
  readonly line: number;
  readonly definition: PlainRecord;
  readonly steps: readonly WorkflowStep[];
}

interface Workflow {
  readonly source: YamlSource;
  readonly definition: PlainRecord;
  /** Event names mapped to their configuration (null when given without one), whatever form `on:` took. */
  readonly triggers: ReadonlyMap<string, unknown>;
  readonly jobs: readonly WorkflowJob[];
  readonly uses: readonly UsesReference[];
}

/** GitHub treats a YAML document as a workflow when it has both `on` and `jobs`. */
const isWorkflowDefinition = (value: unknown): value is PlainRecord =>
  isRecord(value) && 'on' in value && isRecord(value['jobs']);

const readTriggers = (on: unknown): ReadonlyMap<string, unknown> => {
  if (typeof on === 'string') return new Map([[on, null]]);
  if (Array.isArray(on)) return new Map(on.filter((event) => typeof event === 'string').map((event) => [event, null]));
  return new Map(Object.entries(recordOrEmpty(on)));
};

const readWorkflow = (source: YamlSource): Workflow => {
  const definition = recordOrEmpty(source.value);
  const jobs: WorkflowJob[] = Object.entries(recordOrEmpty(definition['jobs'])).map(([id, job]) => {
    const jobDefinition = recordOrEmpty(job);
    const rawSteps: unknown = jobDefinition['steps'];
    const steps = (Array.isArray(rawSteps) ? (rawSteps as unknown[]) : []).map((step, index) => ({
      jobId: id,
      index,
      line: source.lineAt(['jobs', id, 'steps', index]),
      definition: recordOrEmpty(step),
    }));
    return { id, line: source.lineAt(['jobs', id]), definition: jobDefinition, steps };
  });
  const uses: UsesReference[] = jobs.flatMap((job) => {
    const jobUses = job.definition['uses'];
    const reusable: UsesReference[] =
      typeof jobUses === 'string'
        ? [
            {
              jobId: job.id,
              ref: jobUses,
              with: recordOrEmpty(job.definition['with']),
              line: source.lineAt(['jobs', job.id, 'uses']),
              lineText: source.lineTextAt(['jobs', job.id, 'uses']),
            },
          ]
        : [];
    const actions = job.steps.flatMap((step) => {
      const ref = step.definition['uses'];
      if (typeof ref !== 'string') return [];
      const path = ['jobs', job.id, 'steps', step.index, 'uses'];
      return [
        {
          jobId: job.id,
          ref,
          with: recordOrEmpty(step.definition['with']),
          line: source.lineAt(path),
          lineText: source.lineTextAt(path),
        },
      ];
    });
    return [...reusable, ...actions];
  });
  return { source, definition, triggers: readTriggers(definition['on']), jobs, uses };
};

export { isWorkflowDefinition, readWorkflow };
export type { UsesReference, Workflow, WorkflowJob, WorkflowStep };
