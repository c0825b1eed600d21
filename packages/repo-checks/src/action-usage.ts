import { ActionMetadataError } from './errors.js';
import type { Finding } from './finding.js';
import { isRecord, recordOrEmpty } from './plain-values.js';
import type { PlainRecord } from './plain-values.js';
import type { YamlSource } from './yaml-source.js';

const ActionUsageRule = {
  UnknownInput: 'unknown-input',
  MissingRequiredInput: 'missing-required-input',
} as const;

/** `./packages/pipeline-action` in this repository, `<owner>/<repo>/packages/pipeline-action@v1` in users' workflows. */
const isPipelineActionRef = (ref: string): boolean => /(^|\/)packages\/pipeline-action(@|$)/.test(ref);

interface ActionInput {
  readonly name: string;
  readonly required: boolean;
  readonly hasDefault: boolean;
}

/** A step (or any mapping) whose `uses:` names the action, wherever it sits in a workflow, job or step list. */
interface ActionUsage {
  readonly ref: string;
  readonly with: PlainRecord;
  readonly line: number;
}

/** The inputs an action.yml declares; an action without them cannot be called with any `with:`. */
function readActionInputs(metadata: YamlSource): ReadonlyMap<string, ActionInput> {
  const definition = recordOrEmpty(metadata.value);
  const inputs = definition['inputs'];
  if (!isRecord(inputs)) {
    throw new ActionMetadataError(metadata.source, "has no 'inputs' mapping: declare each input with a description.");
  }
  return new Map(
    Object.entries(inputs).map(([name, declaration]) => {
      const input = recordOrEmpty(declaration);
      return [name, { name, required: input['required'] === true, hasDefault: input['default'] !== undefined }];
    }),
  );
}

function collectUsages(
  value: unknown,
  path: (string | number)[],
  source: YamlSource,
  matches: (ref: string) => boolean,
  found: ActionUsage[],
): void {
  if (Array.isArray(value)) {
    (value as unknown[]).forEach((item, index) => collectUsages(item, [...path, index], source, matches, found));
    return;
  }
  if (!isRecord(value)) return;
  const ref = value['uses'];
  if (typeof ref === 'string' && matches(ref)) {
    found.push({ ref, with: recordOrEmpty(value['with']), line: source.lineAt([...path, 'uses']) });
  }
  for (const [key, child] of Object.entries(value)) collectUsages(child, [...path, key], source, matches, found);
}

function findActionUsages(source: YamlSource, matches: (ref: string) => boolean): ActionUsage[] {
  const found: ActionUsage[] = [];
  collectUsages(source.value, [], source, matches, found);
  return found;
}

/** A usage may pass only declared inputs, and must pass every required input that has no default. */
function checkActionUsage(
  usage: ActionUsage,
  inputs: ReadonlyMap<string, ActionInput>,
  file: string,
  actionFile: string,
): Finding[] {
  const unknown = Object.keys(usage.with)
    .filter((name) => !inputs.has(name))
    .map((name) => ({
      file,
      line: usage.line,
      rule: ActionUsageRule.UnknownInput,
      message: `'${name}' is not an input of ${actionFile} (inputs: ${[...inputs.keys()].join(', ')}): the runner would ignore it with a warning.`,
    }));
  const missing = [...inputs.values()]
    .filter((input) => input.required && !input.hasDefault && !(input.name in usage.with))
    .map((input) => ({
      file,
      line: usage.line,
      rule: ActionUsageRule.MissingRequiredInput,
      message: `required input '${input.name}' of ${actionFile} is not given: add it under 'with:'.`,
    }));
  return [...unknown, ...missing];
}

export { ActionUsageRule, checkActionUsage, findActionUsages, isPipelineActionRef, readActionInputs };
export type { ActionInput, ActionUsage };
