import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

import type { DependencyManifests } from './dependabot-coverage.js';
import { recordOrEmpty } from './plain-values.js';
import { findFiles, isYaml } from './repository-files.js';
import { readYamlFile } from './yaml-source.js';

const asDirectory = (name: string): string => `/${posix.dirname(name)}`.replace(/\/\.$/, '') || '/';

/**
 * What Dependabot can update here, found from the files themselves:
 * - npm: the lockfile at the root (workspaces share it, so one entry covers every package);
 * - github-actions: the workflows (Dependabot reads .github/workflows for '/') and composite actions,
 *   whose steps `uses:` other actions. A JavaScript action such as packages/pipeline-action has no
 *   `uses:` to update: its dependencies are npm packages, covered by the npm entry;
 * - terraform: every directory with .tf files (modules and examples pin providers and modules).
 */
const findDependencyManifests = async (root: string): Promise<DependencyManifests> => {
  const npm = existsSync(join(root, 'package-lock.json')) ? ['/'] : [];
  const workflows = await findFiles('.github/workflows', isYaml, root);
  const actionFiles = await findFiles('.', (name) => name === 'action.yml' || name === 'action.yaml', root);
  const compositeActions: string[] = [];
  for (const file of actionFiles) {
    const metadata = await readYamlFile(file.path, file.name);
    if (recordOrEmpty(recordOrEmpty(metadata.value)['runs'])['using'] === 'composite') {
      compositeActions.push(asDirectory(file.name));
    }
  }
  const terraformFiles = await findFiles('terraform', (name) => name.endsWith('.tf'), root);
  return {
    npm,
    'github-actions': [...(workflows.length > 0 ? ['/'] : []), ...compositeActions],
    terraform: [...new Set(terraformFiles.map((file) => asDirectory(file.name)))],
  };
};

export { findDependencyManifests };
