import { join } from 'node:path';

import { ActionMetadataError } from './errors.js';
import type { Finding } from './finding.js';
import { isRecord, recordOrEmpty } from './plain-values.js';
import type { PlainRecord } from './plain-values.js';
import { readYamlFile } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

const ACTION_USAGE_RULE = {
  UnknownInput: 'unknown-input',
  MissingRequiredInput: 'missing-required-input',
} as const;

/** The pipeline action's two action.yml files (repository-relative), by the `uses:` form that runs each. */
const PIPELINE_ACTION_FILE = {
  /** `<owner>/<repo>@v1` in users' workflows (what GitHub Marketplace lists), `./` in this repository. */
  Root: 'action.yml',
  /** `<owner>/<repo>/packages/pipeline-action@v1` in users' workflows, `./packages/pipeline-action` here. */
  Package: 'packages/pipeline-action/action.yml',
} as const;
type PipelineActionFile = (typeof PIPELINE_ACTION_FILE)[keyof typeof PIPELINE_ACTION_FILE];

// The docs name the repository `<owner>/<repo>` or `<owner>/greenlight` (`your-org/greenlight`).
const ROOT_FORM_REF = /^(?:<owner>\/<repo>|[\w.<>-]+\/greenlight)@|^\.\/?$/;
const PACKAGE_FORM_REF = /(^|\/)packages\/pipeline-action(@|$)/;

/** The action.yml a `uses:` reference runs when it names the pipeline action, in either form. */
const pipelineActionFileOf = (ref: string): PipelineActionFile | undefined => {
  if (PACKAGE_FORM_REF.test(ref)) return PIPELINE_ACTION_FILE.Package;
  if (ROOT_FORM_REF.test(ref)) return PIPELINE_ACTION_FILE.Root;
  return undefined;
};

const isPipelineActionRef = (ref: string): boolean => pipelineActionFileOf(ref) !== undefined;

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
const readActionInputs = (metadata: YamlSource): ReadonlyMap<string, ActionInput> => {
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
};

const collectUsages = (
  value: unknown,
  path: (string | number)[],
  source: YamlSource,
  matches: (ref: string) => boolean,
  found: ActionUsage[],
): void => {
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
};

const findActionUsages = (source: YamlSource, matches: (ref: string) => boolean): ActionUsage[] => {
  const found: ActionUsage[] = [];
  collectUsages(source.value, [], source, matches, found);
  return found;
};

/** A usage may pass only declared inputs, and must pass every required input that has no default. */
const checkActionUsage = (
  usage: ActionUsage,
  inputs: ReadonlyMap<string, ActionInput>,
  file: string,
  actionFile: string,
): Finding[] => {
  const unknown = Object.keys(usage.with)
    .filter((name) => !inputs.has(name))
    .map((name) => ({
      file,
      line: usage.line,
      rule: ACTION_USAGE_RULE.UnknownInput,
      message: `'${name}' is not an input of ${actionFile} (inputs: ${[...inputs.keys()].join(', ')}): the runner would ignore it with a warning.`,
    }));
  const missing = [...inputs.values()]
    .filter((input) => input.required && !input.hasDefault && !(input.name in usage.with))
    .map((input) => ({
      file,
      line: usage.line,
      rule: ACTION_USAGE_RULE.MissingRequiredInput,
      message: `required input '${input.name}' of ${actionFile} is not given: add it under 'with:'.`,
    }));
  return [...unknown, ...missing];
};

interface PipelineActionUsage extends ActionUsage {
  /** The file (snippet or workflow) the usage is in. */
  readonly file: string;
  /** The action.yml its form runs. */
  readonly actionFile: PipelineActionFile;
}

interface PipelineActionUsages {
  readonly usages: readonly PipelineActionUsage[];
  readonly findings: readonly Finding[];
}

/** Every use of the pipeline action in `sources`, each checked against the action.yml its form runs. */
const checkPipelineActionUsages = async (sources: readonly YamlSource[], root: string): Promise<PipelineActionUsages> => {
  const readInputs = async (file: PipelineActionFile): Promise<ReadonlyMap<string, ActionInput>> =>
    readActionInputs(await readYamlFile(join(root, file), file));
  const inputsOf: Record<PipelineActionFile, ReadonlyMap<string, ActionInput>> = {
    [PIPELINE_ACTION_FILE.Root]: await readInputs(PIPELINE_ACTION_FILE.Root),
    [PIPELINE_ACTION_FILE.Package]: await readInputs(PIPELINE_ACTION_FILE.Package),
  };
  const usages = sources.flatMap((source) =>
    findActionUsages(source, isPipelineActionRef).flatMap((usage) => {
      const actionFile = pipelineActionFileOf(usage.ref);
      return actionFile === undefined ? [] : [{ ...usage, file: source.source, actionFile }];
    }),
  );
  const findings = usages.flatMap((usage) =>
    checkActionUsage(usage, inputsOf[usage.actionFile], usage.file, usage.actionFile),
  );
  return { usages, findings };
};

export {
  ACTION_USAGE_RULE,
  checkActionUsage,
  checkPipelineActionUsages,
  findActionUsages,
  isPipelineActionRef,
  PIPELINE_ACTION_FILE, type PipelineActionFile,
  pipelineActionFileOf,
  readActionInputs,
};
export type { ActionInput, ActionUsage, PipelineActionUsage, PipelineActionUsages };
