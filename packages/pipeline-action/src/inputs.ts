import { InputError } from './errors.js';

const REVISION_TYPES = ['COMMIT_ID', 'IMAGE_DIGEST', 'S3_OBJECT_VERSION_ID', 'S3_OBJECT_KEY'] as const;
type RevisionType = (typeof REVISION_TYPES)[number];

/** What cancelling the workflow does to the execution this step started. */
const ON_CANCEL = {
  /** StopDeployment with rollback for its running CodeDeploy deployment, and StopPipelineExecution. */
  Rollback: 'rollback',
  /** StopPipelineExecution only: the running action (a deployment included) completes. */
  Stop: 'stop',
  /** Nothing: the execution runs on. */
  None: 'none',
} as const;
type OnCancel = (typeof ON_CANCEL)[keyof typeof ON_CANCEL];

/** Limits from the CodePipeline API reference (StartPipelineExecution, StopPipelineExecution). */
const LIMITS = {
  pipelineName: /^[A-Za-z0-9.@\-_]{1,100}$/,
  actionName: /^[A-Za-z0-9.@\-_]{1,100}$/,
  variableName: /^[A-Za-z0-9@\-_]{1,128}$/,
  variableValueLength: 1000,
  revisionValueLength: 1500,
  entries: 50,
  executionId: /^[0-9a-f-]{36}$/,
  clientRequestToken: /^[a-zA-Z0-9-]{1,128}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d+$/,
  maxTimeoutMinutes: 7 * 24 * 60,
} as const;

interface PipelineVariable {
  readonly name: string;
  readonly value: string;
}

interface SourceRevision {
  readonly actionName: string;
  readonly revisionType: RevisionType;
  readonly revisionValue: string;
}

interface GitHubDeploymentInputs {
  readonly token: string;
  readonly environment: string;
  readonly environmentUrl: string | undefined;
}

interface ActionInputs {
  readonly pipelineName: string;
  readonly region: string;
  readonly wait: boolean;
  readonly timeoutMinutes: number;
  readonly variables: readonly PipelineVariable[];
  readonly sourceRevisions: readonly SourceRevision[];
  readonly pinCommit: boolean;
  readonly executionId: string | undefined;
  readonly onCancel: OnCancel;
  readonly clientRequestToken: string | undefined;
  readonly githubDeployment: GitHubDeploymentInputs | undefined;
  /** Deprecation notes to print as warnings. */
  readonly warnings: readonly string[];
}

/** Reads one input as the runner passes it (already trimmed); '' when unset. */
type InputReader = (name: string) => string;

// YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them.
const parseBoolean = (name: string, raw: string, fallback: boolean): boolean => {
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, `must be true or false, got '${raw}'.`);
};

const parseTimeout = (raw: string): number => {
  if (raw === '') return 60;
  const minutes = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || !Number.isFinite(minutes) || minutes <= 0 || minutes > LIMITS.maxTimeoutMinutes) {
    throw new InputError(
      'timeout-minutes',
      `must be a positive number of minutes up to ${LIMITS.maxTimeoutMinutes} (fractions allowed, e.g. 0.5), got '${raw}'.`,
    );
  }
  return minutes;
};

interface Line {
  readonly number: number;
  readonly key: string;
  readonly value: string;
}

// Blank lines and lines starting with '#' are skipped so that multi-line YAML blocks can be commented.
const parseLines = (input: string, raw: string, keyLabel: string): Line[] => {
  const lines = raw
    .split(/\r?\n/)
    .map((text, index) => ({ text: text.trim(), number: index + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'));
  if (lines.length > LIMITS.entries) {
    throw new InputError(input, `accepts at most ${LIMITS.entries} lines, got ${lines.length}.`);
  }
  const seen = new Set<string>();
  return lines.map(({ text, number }) => {
    const separator = text.indexOf('=');
    if (separator <= 0) {
      throw new InputError(input, `line ${number} must look like ${keyLabel}=VALUE, got '${text}'.`);
    }
    const key = text.slice(0, separator).trim();
    if (seen.has(key)) throw new InputError(input, `line ${number} repeats '${key}'; each may appear once.`);
    seen.add(key);
    return { number, key, value: text.slice(separator + 1).trim() };
  });
};

const parseVariables = (raw: string): PipelineVariable[] =>
  parseLines('variables', raw, 'NAME').map(({ number, key, value }) => {
    if (!LIMITS.variableName.test(key)) {
      throw new InputError(
        'variables',
        `line ${number}: the name '${key}' must be 1-128 characters of letters, digits, @, - or _.`,
      );
    }
    if (value === '' || value.length > LIMITS.variableValueLength) {
      throw new InputError(
        'variables',
        `line ${number}: the value of '${key}' must be 1-${LIMITS.variableValueLength} characters.`,
      );
    }
    return { name: key, value };
  });

const isRevisionType = (candidate: string): candidate is RevisionType =>
  (REVISION_TYPES as readonly string[]).includes(candidate);

const parseSourceRevisions = (raw: string): SourceRevision[] =>
  parseLines('source-revisions', raw, 'ActionName').map(({ number, key, value }) => {
    if (!LIMITS.actionName.test(key)) {
      throw new InputError(
        'source-revisions',
        `line ${number}: the action name '${key}' must be 1-100 characters of letters, digits, ., @, - or _.`,
      );
    }
    // Only an upper-case word before the first ':' is a TYPE, so digests such as sha256:... stay values.
    const typed = /^([A-Z][A-Z0-9_]*):(.*)$/.exec(value);
    let revisionType: RevisionType = 'COMMIT_ID';
    let revisionValue = value;
    if (typed) {
      const [, type = '', rest = ''] = typed;
      if (!isRevisionType(type)) {
        throw new InputError(
          'source-revisions',
          `line ${number}: the revision type '${type}' must be one of ${REVISION_TYPES.join(', ')}.`,
        );
      }
      revisionType = type;
      revisionValue = rest.trim();
    }
    if (revisionValue === '' || revisionValue.length > LIMITS.revisionValueLength) {
      throw new InputError(
        'source-revisions',
        `line ${number}: the revision of '${key}' must be 1-${LIMITS.revisionValueLength} characters.`,
      );
    }
    return { actionName: key, revisionType, revisionValue };
  });

const isOnCancel = (candidate: string): candidate is OnCancel => (Object.values(ON_CANCEL) as string[]).includes(candidate);

/**
 * `on-cancel`, or the deprecated `stop-on-cancel` it replaces (true: the default, rollback; false: none). The
 * runner fills in on-cancel's default, so only an on-cancel other than rollback is surely the user's: one that
 * contradicts stop-on-cancel is refused rather than guessed.
 */
const parseOnCancel = (read: InputReader): { onCancel: OnCancel; warnings: string[] } => {
  const raw = read('on-cancel');
  if (raw !== '' && !isOnCancel(raw)) {
    throw new InputError('on-cancel', `must be rollback, stop or none, got '${raw}'.`);
  }
  const chosen = raw === '' ? ON_CANCEL.Rollback : raw;
  const legacy = read('stop-on-cancel');
  if (legacy === '') return { onCancel: chosen, warnings: [] };
  const implied = parseBoolean('stop-on-cancel', legacy, true) ? ON_CANCEL.Rollback : ON_CANCEL.None;
  if (chosen !== ON_CANCEL.Rollback && (chosen === ON_CANCEL.None) !== (implied === ON_CANCEL.None)) {
    throw new InputError('stop-on-cancel', `is deprecated and says ${legacy} while on-cancel says ${chosen}: remove stop-on-cancel.`);
  }
  const onCancel = chosen === ON_CANCEL.Rollback ? implied : chosen;
  return {
    onCancel,
    warnings: [`Input 'stop-on-cancel' is deprecated: write 'on-cancel: ${onCancel}' instead (stop-on-cancel: ${legacy} means on-cancel: ${implied}).`],
  };
};

const parseRegion = (raw: string, env: NodeJS.ProcessEnv): string => {
  const region = raw || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || '';
  if (region === '') {
    throw new InputError(
      'region',
      'is required when neither AWS_REGION nor AWS_DEFAULT_REGION is set (aws-actions/configure-aws-credentials sets AWS_REGION).',
    );
  }
  if (!LIMITS.region.test(region)) {
    throw new InputError('region', `must be an AWS region such as eu-west-1, got '${region}'.`);
  }
  return region;
};

const parseGitHubDeployment = (read: InputReader): GitHubDeploymentInputs | undefined => {
  const token = read('github-token');
  const environment = read('environment');
  const environmentUrl = read('environment-url');
  if (token === '' && environment === '') {
    if (environmentUrl !== '') {
      throw new InputError('environment-url', "needs 'environment' and 'github-token' to create a GitHub deployment.");
    }
    return undefined;
  }
  if (environment === '') throw new InputError('environment', "is required when 'github-token' is set.");
  if (token === '') {
    throw new InputError('github-token', "is required when 'environment' is set (use ${{ github.token }}).");
  }
  if (environmentUrl !== '' && !/^https?:\/\/\S+$/.test(environmentUrl)) {
    throw new InputError('environment-url', `must be an http(s) URL, got '${environmentUrl}'.`);
  }
  return { token, environment, environmentUrl: environmentUrl === '' ? undefined : environmentUrl };
};

/** Parses and validates every input; throws InputError naming the first bad input. No AWS call happens here. */
const parseInputs = (read: InputReader, env: NodeJS.ProcessEnv): ActionInputs => {
  const pipelineName = read('pipeline-name');
  if (pipelineName === '') throw new InputError('pipeline-name', 'is required: the name of the CodePipeline pipeline.');
  if (!LIMITS.pipelineName.test(pipelineName)) {
    throw new InputError(
      'pipeline-name',
      `must be 1-100 characters of letters, digits, ., @, - or _, got '${pipelineName}'.`,
    );
  }
  const region = parseRegion(read('region'), env);
  const wait = parseBoolean('wait', read('wait'), true);
  const timeoutMinutes = parseTimeout(read('timeout-minutes'));
  const variables = parseVariables(read('variables'));
  const sourceRevisions = parseSourceRevisions(read('source-revisions'));
  const pinCommit = parseBoolean('pin-commit', read('pin-commit'), true);
  const { onCancel, warnings } = parseOnCancel(read);

  const rawExecutionId = read('execution-id');
  if (rawExecutionId !== '' && !LIMITS.executionId.test(rawExecutionId)) {
    throw new InputError('execution-id', `must be a pipeline execution ID (36 characters of 0-9, a-f and -), got '${rawExecutionId}'.`);
  }
  const executionId = rawExecutionId === '' ? undefined : rawExecutionId;
  if (executionId !== undefined && (variables.length > 0 || sourceRevisions.length > 0)) {
    throw new InputError(
      'execution-id',
      "follows an execution that already exists, so it cannot be combined with 'variables' or 'source-revisions'.",
    );
  }

  const rawToken = read('client-request-token');
  if (rawToken !== '' && !LIMITS.clientRequestToken.test(rawToken)) {
    throw new InputError('client-request-token', `must be 1-128 characters of letters, digits and -, got '${rawToken}'.`);
  }

  return {
    pipelineName,
    region,
    wait,
    timeoutMinutes,
    variables,
    sourceRevisions,
    pinCommit,
    executionId,
    onCancel,
    clientRequestToken: rawToken === '' ? undefined : rawToken,
    githubDeployment: parseGitHubDeployment(read),
    warnings,
  };
};

export { ON_CANCEL, type OnCancel, parseInputs };
export type { ActionInputs, GitHubDeploymentInputs, InputReader, PipelineVariable, RevisionType, SourceRevision };
