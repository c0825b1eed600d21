import { join } from 'node:path';

import { findFiles, isYaml } from './repository-files.js';
import { isWorkflowDefinition, readWorkflow } from './workflow-model.js';
import type { Workflow } from './workflow-model.js';
import { WORKFLOW_PROFILE } from './workflow-rules.js';
import type { WorkflowProfileName } from './workflow-rules.js';
import { readYamlFile } from './yaml-source.js';

interface RepositoryWorkflow {
  readonly workflow: Workflow;
  readonly profile: WorkflowProfileName;
}

/**
 * Our workflows (.github/workflows) and every other YAML file in the repository that is a workflow (the
 * Terraform example's deploy workflow, templates): examples are what users copy, so they are linted too.
 */
const readRepositoryWorkflows = async (root: string): Promise<RepositoryWorkflow[]> => {
  const found: RepositoryWorkflow[] = [];
  for (const file of await findFiles('.', isYaml, root)) {
    const source = await readYamlFile(file.path, file.name);
    const ours = file.name.startsWith('.github/workflows/');
    if (ours || isWorkflowDefinition(source.value)) {
      found.push({ workflow: readWorkflow(source), profile: ours ? WORKFLOW_PROFILE.Repository : WORKFLOW_PROFILE.Example });
    }
  }
  return found;
};

/** The workflow at `name` (e.g. `.github/workflows/release.yml`), for checks of one workflow's invariants. */
const readNamedWorkflow = async (root: string, name: string): Promise<Workflow> =>
  readWorkflow(await readYamlFile(join(root, name), name));

export { readNamedWorkflow, readRepositoryWorkflows };
export type { RepositoryWorkflow };
