import { validationError } from '../errors.js';
import { ACTION_STATUS, type ActionRun, type ExecutionRecord, type SourceRevision } from '../engine/execution-record.js';
import type { PipelineEngine } from '../engine/pipeline-engine.js';
import type { ActionScenario } from '../scenario.js';
import { constraintError, optionalBoolean, optionalList, optionalNumber, optionalObject, optionalString, requiredString, type Input } from './input.js';
import { paginate } from './pagination.js';
import type { ServiceDefinition } from './service.js';

const VARIABLE_NAME = /^[A-Za-z0-9@\-_]+$/;
const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;
const EXECUTION_ID = /^[0-9a-f-]{36}$/;
const TOKEN = /^[a-zA-Z0-9-]+$/;
const REVISION_TYPES = ['COMMIT_ID', 'IMAGE_DIGEST', 'S3_OBJECT_VERSION_ID', 'S3_OBJECT_KEY'] as const;

/** The revision types each source provider takes an override of: commits for repositories, digests for images, object versions or keys for S3. */
const REVISION_TYPES_BY_PROVIDER: Readonly<Record<string, readonly string[]>> = {
  CodeStarSourceConnection: ['COMMIT_ID'],
  CodeCommit: ['COMMIT_ID'],
  GitHub: ['COMMIT_ID'],
  ECR: ['IMAGE_DIGEST'],
  S3: ['S3_OBJECT_VERSION_ID', 'S3_OBJECT_KEY'],
};

/** A revision override the source action's provider accepts: S3_OBJECT_KEY only with AllowOverrideForS3ObjectKey. */
const checkRevisionFits = (action: ActionScenario, revisionType: string): void => {
  const accepted = REVISION_TYPES_BY_PROVIDER[action.provider] ?? [];
  if (!accepted.includes(revisionType)) {
    throw validationError(
      `The source action '${action.name}' (provider ${action.provider}) does not accept a ${revisionType} revision override` +
        (accepted.length === 0 ? '.' : `: use ${accepted.join(' or ')}.`),
    );
  }
  if (revisionType === 'S3_OBJECT_KEY' && action.configuration?.['AllowOverrideForS3ObjectKey'] !== 'true') {
    throw validationError(`The source action '${action.name}' must set AllowOverrideForS3ObjectKey to true to accept an S3_OBJECT_KEY override.`);
  }
};

/** Reads a member that AWS constrains by pattern, answering its ValidationException wording. */
const patterned = (input: Input, member: string, pattern: RegExp): string => {
  const value = requiredString(input, member);
  if (!pattern.test(value)) {
    throw constraintError(value, member, `Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
};

const actionTypeId = (action: ActionScenario): object => ({
  category: action.category,
  owner: action.owner ?? 'AWS',
  provider: action.provider,
  version: action.version ?? '1',
});

const parseVariables = (input: Input, declared: ReadonlySet<string>, pipelineType: string): { name: string; value: string }[] | undefined => {
  const list = optionalList(input, 'variables');
  if (list === undefined) {
    return undefined;
  }
  if (list.length < 1 || list.length > 50) {
    throw constraintError(`[${list.length} items]`, 'variables', 'Member must have length between 1 and 50 inclusive');
  }
  if (pipelineType !== 'V2') {
    throw validationError('Pipeline variables can only be passed to pipelines of type V2.');
  }
  return list.map((item, index) => {
    const entry = (item ?? {}) as Input;
    const name = entry['name'];
    const value = entry['value'];
    const member = `variables.${index + 1}.member`;
    if (typeof name !== 'string' || name.length < 1 || name.length > 128 || !VARIABLE_NAME.test(name)) {
      throw constraintError(name, `${member}.name`, `Member must satisfy regular expression pattern: ${VARIABLE_NAME.source}`);
    }
    if (typeof value !== 'string' || value.length < 1 || value.length > 1000) {
      throw constraintError(value, `${member}.value`, 'Member must have length between 1 and 1000 inclusive');
    }
    if (!declared.has(name)) {
      throw validationError(`Variable '${name}' is not declared in the pipeline definition.`);
    }
    return { name, value };
  });
};

const parseSourceRevisions = (input: Input, sourceActions: ReadonlyMap<string, ActionScenario>): SourceRevision[] | undefined => {
  const list = optionalList(input, 'sourceRevisions');
  if (list === undefined) {
    return undefined;
  }
  if (list.length > 50) {
    throw constraintError(`[${list.length} items]`, 'sourceRevisions', 'Member must have length less than or equal to 50');
  }
  return list.map((item, index) => {
    const entry = (item ?? {}) as Input;
    const member = `sourceRevisions.${index + 1}.member`;
    const actionName = entry['actionName'];
    const revisionType = entry['revisionType'];
    const revisionValue = entry['revisionValue'];
    if (typeof actionName !== 'string' || actionName === '') {
      throw constraintError(actionName, `${member}.actionName`, 'Member must not be null');
    }
    if (typeof revisionType !== 'string' || !(REVISION_TYPES as readonly string[]).includes(revisionType)) {
      throw constraintError(revisionType, `${member}.revisionType`, `Member must satisfy enum value set: [${REVISION_TYPES.join(', ')}]`);
    }
    if (typeof revisionValue !== 'string' || revisionValue.length < 1 || revisionValue.length > 1500) {
      throw constraintError(revisionValue, `${member}.revisionValue`, 'Member must have length between 1 and 1500 inclusive');
    }
    const action = sourceActions.get(actionName);
    if (action === undefined) {
      throw validationError(`The source action '${actionName}' does not exist in the pipeline, or is not a source action.`);
    }
    checkRevisionFits(action, revisionType);
    return { actionName, revisionType, revisionValue };
  });
};

const executionResult = (run: ActionRun): object => ({
  externalExecutionId: run.externalExecutionId,
  externalExecutionSummary: run.summary,
  externalExecutionUrl: run.externalExecutionUrl,
  errorDetails: run.errorDetails,
});

const actionExecutionDetail = (run: ActionRun, region: string): object => ({
  pipelineExecutionId: run.pipelineExecutionId,
  actionExecutionId: run.actionExecutionId,
  pipelineVersion: 1,
  stageName: run.stageName,
  actionName: run.action.name,
  startTime: run.startTime,
  lastUpdateTime: run.lastUpdateTime,
  status: run.status,
  input: {
    actionTypeId: actionTypeId(run.action),
    configuration: run.action.configuration ?? {},
    resolvedConfiguration: run.action.configuration ?? {},
    region,
    inputArtifacts: (run.action.inputArtifacts ?? []).map((name) => ({ name })),
    ...(run.action.namespace === undefined ? {} : { namespace: run.action.namespace }),
  },
  output: {
    outputArtifacts: (run.action.outputArtifacts ?? []).map((name) => ({ name })),
    ...(run.status === ACTION_STATUS.InProgress && run.externalExecutionId === undefined ? {} : { executionResult: executionResult(run) }),
    ...(run.outputVariables === undefined ? {} : { outputVariables: run.outputVariables }),
  },
});

const executionSummary = (execution: ExecutionRecord): object => ({
  pipelineExecutionId: execution.pipelineExecutionId,
  status: execution.status,
  statusSummary: execution.statusSummary,
  startTime: execution.startTime,
  lastUpdateTime: execution.lastUpdateTime,
  sourceRevisions: execution.artifactRevisions.length === 0 ? [] : sourceRevisionsOf(execution),
  trigger: execution.trigger,
  ...(execution.stop === undefined ? {} : { stopTrigger: { reason: execution.stop.reason ?? '' } }),
  executionMode: execution.executionMode,
  executionType: 'STANDARD',
});

const sourceRevisionsOf = (execution: ExecutionRecord): object[] =>
  execution.actions
    .filter((run) => run.action.category === 'Source' && run.outputVariables?.['CommitId'] !== undefined)
    .map((run) => ({
      actionName: run.action.name,
      revisionId: run.outputVariables?.['CommitId'],
      revisionSummary: run.summary,
      revisionUrl: run.externalExecutionUrl,
    }));

/** CodePipeline (CodePipeline_20150709) over the pipeline engine. */
const codePipelineService = (engine: PipelineEngine, region: string, account: string): ServiceDefinition => ({
  service: 'codepipeline',
  signingName: 'codepipeline',
  operations: {
    GetPipeline: (input) => {
      const pipeline = engine.pipeline(patterned(input, 'name', PIPELINE_NAME));
      const scenario = pipeline.scenario;
      return {
        pipeline: {
          name: scenario.name,
          roleArn: `arn:aws:iam::${account}:role/${scenario.name}-codepipeline`,
          artifactStore: { type: 'S3', location: `${scenario.name.toLowerCase()}-artifacts-${account}` },
          stages: scenario.stages.map((stage) => ({
            name: stage.name,
            actions: stage.actions.map((action) => ({
              name: action.name,
              actionTypeId: actionTypeId(action),
              runOrder: action.runOrder ?? 1,
              configuration: action.configuration ?? {},
              inputArtifacts: (action.inputArtifacts ?? []).map((name) => ({ name })),
              outputArtifacts: (action.outputArtifacts ?? []).map((name) => ({ name })),
              region,
              ...(action.namespace === undefined ? {} : { namespace: action.namespace }),
            })),
          })),
          version: 1,
          executionMode: scenario.executionMode ?? 'SUPERSEDED',
          pipelineType: scenario.pipelineType ?? 'V2',
          variables: scenario.variables ?? [],
        },
        metadata: {
          pipelineArn: `arn:aws:codepipeline:${region}:${account}:${scenario.name}`,
          created: pipeline.created,
          updated: pipeline.created,
        },
      };
    },

    StartPipelineExecution: (input) => {
      const name = patterned(input, 'name', PIPELINE_NAME);
      const token = optionalString(input, 'clientRequestToken');
      if (token !== undefined && (token.length > 128 || !TOKEN.test(token))) {
        throw constraintError(token, 'clientRequestToken', `Member must satisfy regular expression pattern: ${TOKEN.source}`);
      }
      const scenario = engine.pipeline(name).scenario;
      const declared = new Set((scenario.variables ?? []).map((variable) => variable.name));
      const variables = parseVariables(input, declared, scenario.pipelineType ?? 'V2');
      const sourceActions = new Map(
        scenario.stages.flatMap((stage) => stage.actions.filter((action) => action.category === 'Source').map((action) => [action.name, action] as const)),
      );
      const sourceRevisions = parseSourceRevisions(input, sourceActions);
      const pipelineExecutionId = engine.start(name, {
        ...(variables === undefined ? {} : { variables }),
        ...(sourceRevisions === undefined ? {} : { sourceRevisions }),
        ...(token === undefined ? {} : { clientRequestToken: token }),
      });
      return { pipelineExecutionId };
    },

    GetPipelineExecution: (input) => {
      const execution = engine.execution(patterned(input, 'pipelineName', PIPELINE_NAME), patterned(input, 'pipelineExecutionId', EXECUTION_ID));
      return {
        pipelineExecution: {
          pipelineName: execution.pipelineName,
          pipelineVersion: execution.pipelineVersion,
          pipelineExecutionId: execution.pipelineExecutionId,
          status: execution.status,
          statusSummary: execution.statusSummary,
          artifactRevisions: execution.artifactRevisions,
          variables: execution.variables,
          trigger: execution.trigger,
          executionMode: execution.executionMode,
          executionType: 'STANDARD',
        },
      };
    },

    ListActionExecutions: (input) => {
      const pipeline = engine.pipeline(patterned(input, 'pipelineName', PIPELINE_NAME));
      const filter = optionalObject(input, 'filter') ?? {};
      const executionId = filter['pipelineExecutionId'] === undefined ? undefined : patterned(filter, 'pipelineExecutionId', EXECUTION_ID);
      if (executionId !== undefined) {
        engine.execution(pipeline.scenario.name, executionId);
      }
      const maxResults = optionalNumber(input, 'maxResults', 1, 100) ?? 100;
      const runs = pipeline.executions
        .filter((execution) => executionId === undefined || execution.pipelineExecutionId === executionId)
        .flatMap((execution) => execution.actions)
        .sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
      const page = paginate(runs, maxResults, optionalString(input, 'nextToken'), pipeline.scenario.listPageSize);
      return { actionExecutionDetails: page.items.map((run) => actionExecutionDetail(run, region)), nextToken: page.nextToken };
    },

    GetPipelineState: (input) => {
      const pipeline = engine.pipeline(patterned(input, 'name', PIPELINE_NAME));
      const newestFirst = [...pipeline.executions].sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
      return {
        pipelineName: pipeline.scenario.name,
        pipelineVersion: 1,
        created: pipeline.created,
        updated: pipeline.created,
        stageStates: pipeline.scenario.stages.map((stage) => {
          const latest = newestFirst.find((execution) => execution.stages.has(stage.name));
          return {
            stageName: stage.name,
            inboundTransitionState: { enabled: true },
            actionStates: stage.actions.map((action) => {
              const run = latest?.actions.find((candidate) => candidate.action.name === action.name);
              return {
                actionName: action.name,
                ...(run === undefined
                  ? {}
                  : {
                      latestExecution: {
                        actionExecutionId: run.actionExecutionId,
                        status: run.status,
                        summary: run.summary,
                        lastStatusChange: run.lastUpdateTime,
                        externalExecutionId: run.externalExecutionId,
                        externalExecutionUrl: run.externalExecutionUrl,
                        errorDetails: run.errorDetails,
                      },
                    }),
              };
            }),
            ...(latest === undefined
              ? {}
              : { latestExecution: { pipelineExecutionId: latest.pipelineExecutionId, status: latest.stages.get(stage.name) } }),
          };
        }),
      };
    },

    ListPipelineExecutions: (input) => {
      const pipeline = engine.pipeline(patterned(input, 'pipelineName', PIPELINE_NAME));
      const maxResults = optionalNumber(input, 'maxResults', 1, 100) ?? 100;
      const newestFirst = [...pipeline.executions].sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
      const page = paginate(newestFirst, maxResults, optionalString(input, 'nextToken'), pipeline.scenario.listPageSize);
      return { pipelineExecutionSummaries: page.items.map(executionSummary), nextToken: page.nextToken };
    },

    StopPipelineExecution: (input) => {
      const pipelineName = patterned(input, 'pipelineName', PIPELINE_NAME);
      const pipelineExecutionId = patterned(input, 'pipelineExecutionId', EXECUTION_ID);
      const reason = optionalString(input, 'reason');
      if (reason !== undefined && reason.length > 200) {
        throw constraintError(reason, 'reason', 'Member must have length less than or equal to 200');
      }
      engine.stop(pipelineName, pipelineExecutionId, optionalBoolean(input, 'abandon') ?? false, reason);
      return { pipelineExecutionId };
    },
  },
});

export { codePipelineService };
