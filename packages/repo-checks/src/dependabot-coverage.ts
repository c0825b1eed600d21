import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { DependabotConfig, DependabotUpdate } from './dependabot-schema.js';
import type { Finding } from './finding.js';

const DEPENDABOT_RULE = {
  MissingDirectory: 'dependabot-missing-directory',
  Uncovered: 'dependabot-uncovered',
  NothingToUpdate: 'dependabot-nothing-to-update',
} as const;

/** What the repository holds that Dependabot should keep current, by ecosystem, as repository directories. */
interface DependencyManifests {
  readonly npm: readonly string[];
  readonly 'github-actions': readonly string[];
  readonly terraform: readonly string[];
}

/**
 * Expands a Dependabot directory entry (`/terraform/modules/*`) into the repository directories it names.
 * Dependabot accepts `*` for one path segment; a pattern naming nothing is reported as missing by the caller.
 */
const expandDirectory = (root: string, pattern: string): string[] => {
  let matches = [''];
  for (const segment of pattern.split('/').filter((part) => part !== '')) {
    matches = matches.flatMap((base) => {
      if (segment !== '*') return existsSync(join(root, base, segment)) ? [`${base}/${segment}`] : [];
      return readdirSync(join(root, base), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
        .map((entry) => `${base}/${entry.name}`);
    });
  }
  return matches.map((match) => (match === '' ? '/' : match));
};

const directoriesOf = (update: DependabotUpdate): readonly string[] =>
  update.directories ?? (update.directory === undefined ? [] : [update.directory]);

/**
 * Every directory an update names must exist and hold something of its ecosystem, and every manifest the
 * repository has must be covered by an update of its ecosystem.
 */
const checkDependabotCoverage = (
  config: DependabotConfig,
  manifests: DependencyManifests,
  root: string,
  file: string,
  lineOfUpdate: (index: number) => number,
): Finding[] => {
  const findings: Finding[] = [];
  const covered = new Map<string, Set<string>>();
  config.updates.forEach((update, index) => {
    const ecosystem = update['package-ecosystem'];
    const known = ecosystem in manifests ? manifests[ecosystem as keyof DependencyManifests] : undefined;
    const coveredHere = covered.get(ecosystem) ?? new Set<string>();
    covered.set(ecosystem, coveredHere);
    for (const pattern of directoriesOf(update)) {
      const directories = expandDirectory(root, pattern);
      if (directories.length === 0) {
        findings.push({
          file,
          line: lineOfUpdate(index),
          rule: DEPENDABOT_RULE.MissingDirectory,
          message: `${ecosystem} directory '${pattern}' names no directory in the repository: fix the path.`,
        });
      }
      for (const directory of directories) {
        coveredHere.add(directory);
        if (known !== undefined && !known.includes(directory)) {
          findings.push({
            file,
            line: lineOfUpdate(index),
            rule: DEPENDABOT_RULE.NothingToUpdate,
            message: `${ecosystem} directory '${directory}' holds nothing Dependabot's ${ecosystem} updater reads: remove it.`,
          });
        }
      }
    }
  });
  for (const [ecosystem, directories] of Object.entries(manifests) as [string, readonly string[]][]) {
    for (const directory of directories) {
      if (covered.get(ecosystem)?.has(directory) !== true) {
        findings.push({
          file,
          line: 1,
          rule: DEPENDABOT_RULE.Uncovered,
          message: `${directory} has ${ecosystem} dependencies no update covers: add it to a '${ecosystem}' update's directories.`,
        });
      }
    }
  }
  return findings;
};

export { checkDependabotCoverage, DEPENDABOT_RULE, expandDirectory };
export type { DependencyManifests };
