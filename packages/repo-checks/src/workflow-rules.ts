import type { Finding } from './finding.js';
import { isRecord } from './plain-values.js';
import type { UsesReference, Workflow } from './workflow-model.js';

const WORKFLOW_RULE = {
  PinnedAction: 'pinned-action',
  VersionComment: 'version-comment',
  TopLevelPermissions: 'top-level-permissions',
  JobPermissions: 'job-permissions',
  PullRequestTargetCheckout: 'pull-request-target-checkout',
  PersistedCredentials: 'persisted-credentials',
  JobTimeout: 'job-timeout',
} as const;

/**
 * Our own workflows follow every rule. Example workflows are templates users copy: they reference
 * greenlight by tag (there is no SHA to pin before a user forks) and may grant permissions per workflow.
 */
const WORKFLOW_PROFILE = {
  Repository: 'repository',
  Example: 'example',
} as const;

type WorkflowProfileName = (typeof WORKFLOW_PROFILE)[keyof typeof WORKFLOW_PROFILE];

const FULL_COMMIT_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v\d+(\.\d+){0,2}\s*$/;
const PULL_REQUEST_HEAD_REF = /github\.event\.pull_request\.head|github\.head_ref|refs\/pull\//;

/** Events whose workflows run with the base repository's secrets and token while reacting to a fork's code. */
const PRIVILEGED_PULL_REQUEST_EVENTS = ['pull_request_target', 'workflow_run'] as const;

const isCheckout = (ref: string): boolean => ref.startsWith('actions/checkout@');

const pinningFindings = (workflow: Workflow, uses: UsesReference, profile: WorkflowProfileName): Finding[] => {
  const file = workflow.source.source;
  if (uses.ref.startsWith('./')) return [];
  if (uses.ref.startsWith('docker://')) {
    return uses.ref.includes('@sha256:')
      ? []
      : [
          {
            file,
            line: uses.line,
            rule: WORKFLOW_RULE.PinnedAction,
            message: `${uses.ref} is not pinned: reference the image by digest (docker://image@sha256:...) so a re-pushed tag cannot change what runs.`,
          },
        ];
  }
  const [, ref = ''] = uses.ref.split('@');
  if (!FULL_COMMIT_SHA.test(ref)) {
    return profile === WORKFLOW_PROFILE.Repository
      ? [
          {
            file,
            line: uses.line,
            rule: WORKFLOW_RULE.PinnedAction,
            message: `${uses.ref} is not pinned to a full commit SHA: use owner/repo@<40-hex SHA> # vX.Y.Z so a moved tag cannot change what runs.`,
          },
        ]
      : [];
  }
  return VERSION_COMMENT.test(uses.lineText)
    ? []
    : [
        {
          file,
          line: uses.line,
          rule: WORKFLOW_RULE.VersionComment,
          message: `${uses.ref} has no version comment: add '# vX.Y.Z' after the SHA so reviewers and Dependabot see which release it is.`,
        },
      ];
};

const permissionFindings = (workflow: Workflow, profile: WorkflowProfileName): Finding[] => {
  const file = workflow.source.source;
  const topLevel = workflow.definition['permissions'];
  const topLevelIsEmpty = isRecord(topLevel) && Object.keys(topLevel).length === 0;
  const findings: Finding[] = [];
  if (profile === WORKFLOW_PROFILE.Repository && !topLevelIsEmpty) {
    findings.push({
      file,
      line: workflow.source.lineAt(['permissions']),
      rule: WORKFLOW_RULE.TopLevelPermissions,
      message: "the workflow must start from 'permissions: {}' so no job inherits the token's default permissions.",
    });
  }
  const everyJobNeedsPermissions = profile === WORKFLOW_PROFILE.Repository || topLevel === undefined;
  for (const job of workflow.jobs) {
    const permissions = job.definition['permissions'];
    if (permissions === 'write-all' || permissions === 'read-all' || topLevel === 'write-all' || topLevel === 'read-all') {
      findings.push({
        file,
        line: job.line,
        rule: WORKFLOW_RULE.JobPermissions,
        message: `job '${job.id}' is granted a blanket '${String(permissions ?? topLevel)}': list only the scopes it uses (e.g. contents: read).`,
      });
    } else if (everyJobNeedsPermissions && permissions === undefined) {
      findings.push({
        file,
        line: job.line,
        rule: WORKFLOW_RULE.JobPermissions,
        message: `job '${job.id}' has no 'permissions': grant it only the scopes it uses (e.g. contents: read).`,
      });
    }
  }
  return findings;
};

const privilegedCheckoutFindings = (workflow: Workflow): Finding[] => {
  const event = PRIVILEGED_PULL_REQUEST_EVENTS.find((name) => workflow.triggers.has(name));
  if (event === undefined) return [];
  return workflow.uses
    .filter((uses) => {
      const ref = uses.with['ref'];
      return isCheckout(uses.ref) && typeof ref === 'string' && PULL_REQUEST_HEAD_REF.test(ref);
    })
    .map((uses) => ({
      file: workflow.source.source,
      line: uses.line,
      rule: WORKFLOW_RULE.PullRequestTargetCheckout,
      message: `job '${uses.jobId}' checks out the pull request's head in a '${event}' workflow, which runs with the base repository's secrets: use 'pull_request' to build untrusted code.`,
    }));
};

const credentialFindings = (workflow: Workflow): Finding[] => {
  return workflow.uses
    .filter((uses) => isCheckout(uses.ref) && uses.with['persist-credentials'] !== false)
    .map((uses) => ({
      file: workflow.source.source,
      line: uses.line,
      rule: WORKFLOW_RULE.PersistedCredentials,
      message: `job '${uses.jobId}' checks out with the token left in .git/config: set 'persist-credentials: false' (later steps and artifacts could leak it).`,
    }));
};

const timeoutFindings = (workflow: Workflow): Finding[] => {
  return workflow.jobs
    .filter((job) => job.definition['uses'] === undefined && job.definition['timeout-minutes'] === undefined)
    .map((job) => ({
      file: workflow.source.source,
      line: job.line,
      rule: WORKFLOW_RULE.JobTimeout,
      message: `job '${job.id}' has no 'timeout-minutes': a hung step would hold a runner for GitHub's default of 360 minutes.`,
    }));
};

/** Supply-chain and least-privilege rules actionlint does not enforce. */
const checkWorkflowRules = (workflow: Workflow, profile: WorkflowProfileName): Finding[] => {
  const findings = [
    ...workflow.uses.flatMap((uses) => pinningFindings(workflow, uses, profile)),
    ...permissionFindings(workflow, profile),
    ...privilegedCheckoutFindings(workflow),
  ];
  if (profile === WORKFLOW_PROFILE.Repository) findings.push(...credentialFindings(workflow), ...timeoutFindings(workflow));
  return findings.sort((a, b) => a.line - b.line);
};

export { checkWorkflowRules, WORKFLOW_PROFILE, WORKFLOW_RULE };
export type { WorkflowProfileName };
