import * as v from 'valibot';

import type { Finding } from './finding.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Dependabot's configuration, version 2, as GitHub documents it. Keys we use are checked in depth; other
 * documented keys are accepted as they are; anything else is rejected, because Dependabot rejects the whole
 * file for an unknown key and then silently stops opening pull requests.
 */
const ECOSYSTEMS = [
  'bun',
  'bundler',
  'cargo',
  'composer',
  'devcontainers',
  'docker',
  'docker-compose',
  'dotnet-sdk',
  'elm',
  'github-actions',
  'gitsubmodule',
  'gomod',
  'gradle',
  'helm',
  'maven',
  'mix',
  'npm',
  'nuget',
  'pip',
  'pub',
  'swift',
  'terraform',
  'uv',
] as const;

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const UPDATE_TYPES = ['version-update:semver-major', 'version-update:semver-minor', 'version-update:semver-patch'] as const;
const nonEmptyStrings = v.pipe(v.array(v.pipe(v.string(), v.nonEmpty())), v.minLength(1));
const days0to90 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(90));

const scheduleSchema = v.strictObject({
  interval: v.picklist(['daily', 'weekly', 'monthly', 'quarterly', 'semiannually', 'yearly', 'cron']),
  day: v.optional(v.picklist(DAYS)),
  time: v.optional(v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'))),
  timezone: v.optional(v.string()),
  cronjob: v.optional(v.string()),
});

const groupSchema = v.strictObject({
  'applies-to': v.optional(v.picklist(['version-updates', 'security-updates'])),
  'dependency-type': v.optional(v.picklist(['development', 'production'])),
  patterns: v.optional(nonEmptyStrings),
  'exclude-patterns': v.optional(nonEmptyStrings),
  'update-types': v.optional(v.array(v.picklist(['major', 'minor', 'patch']))),
  'group-by': v.optional(v.literal('dependency-name')),
});

const updateSchema = v.pipe(
  v.strictObject({
    'package-ecosystem': v.picklist(ECOSYSTEMS),
    directory: v.optional(v.pipe(v.string(), v.startsWith('/'))),
    directories: v.optional(v.pipe(v.array(v.pipe(v.string(), v.startsWith('/'))), v.minLength(1))),
    schedule: scheduleSchema,
    groups: v.optional(v.record(v.pipe(v.string(), v.regex(/^[\w.-]+$/, 'expected a group name of letters, digits, . _ -')), groupSchema)),
    cooldown: v.optional(
      v.strictObject({
        'default-days': v.optional(days0to90),
        'semver-major-days': v.optional(days0to90),
        'semver-minor-days': v.optional(days0to90),
        'semver-patch-days': v.optional(days0to90),
        include: v.optional(nonEmptyStrings),
        exclude: v.optional(nonEmptyStrings),
      }),
    ),
    'commit-message': v.optional(
      v.strictObject({
        prefix: v.optional(v.pipe(v.string(), v.maxLength(50))),
        'prefix-development': v.optional(v.pipe(v.string(), v.maxLength(50))),
        include: v.optional(v.literal('scope')),
      }),
    ),
    labels: v.optional(v.array(v.string())),
    'open-pull-requests-limit': v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    ignore: v.optional(
      v.array(
        v.strictObject({
          'dependency-name': v.string(),
          versions: v.optional(v.array(v.string())),
          'update-types': v.optional(v.array(v.picklist(UPDATE_TYPES))),
        }),
      ),
    ),
    allow: v.optional(v.array(v.unknown())),
    assignees: v.optional(v.array(v.string())),
    'exclude-paths': v.optional(v.array(v.string())),
    'insecure-external-code-execution': v.optional(v.picklist(['allow', 'deny'])),
    milestone: v.optional(v.number()),
    'pull-request-branch-name': v.optional(v.unknown()),
    'rebase-strategy': v.optional(v.picklist(['auto', 'disabled'])),
    registries: v.optional(v.unknown()),
    'target-branch': v.optional(v.string()),
    vendor: v.optional(v.boolean()),
    'versioning-strategy': v.optional(v.picklist(['auto', 'increase', 'increase-if-necessary', 'lockfile-only', 'widen'])),
  }),
  v.check(
    (update) => (update.directory === undefined) !== (update.directories === undefined),
    "give exactly one of 'directory' or 'directories'",
  ),
);

const dependabotSchema = v.strictObject({
  version: v.literal(2),
  updates: v.pipe(v.array(updateSchema), v.minLength(1)),
  registries: v.optional(v.unknown()),
  'enable-beta-ecosystems': v.optional(v.boolean()),
});

type DependabotConfig = v.InferOutput<typeof dependabotSchema>;
type DependabotUpdate = DependabotConfig['updates'][number];

type DependabotValidation =
  | { readonly valid: true; readonly config: DependabotConfig }
  | { readonly valid: false; readonly findings: readonly Finding[] };

const validateDependabotConfig = (source: YamlSource): DependabotValidation => {
  const result = v.safeParse(dependabotSchema, source.value);
  if (result.success) return { valid: true, config: result.output };
  return {
    valid: false,
    findings: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((item) => item.key as string | number);
      return {
        file: source.source,
        line: source.lineAt(path),
        rule: 'dependabot-schema',
        message: `${path.length === 0 ? '(top level)' : path.join('.')}: ${issue.message}.`,
      };
    }),
  };
};

export { validateDependabotConfig };
export type { DependabotConfig, DependabotUpdate, DependabotValidation };
