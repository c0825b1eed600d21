import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RehearsalSetupError } from './errors.js';

interface Artifact {
  /** The entry of its package's `exports` (the package is a dependency of the demo, so turbo builds it first). */
  readonly specifier: string;
  /** What to do when it is missing. */
  readonly remedy: string;
}

/** The built or shipped pieces a rehearsal runs, each from the package that owns it. */
const ARTIFACTS = {
  actionEntry: {
    specifier: '@greenlight/pipeline-action/dist/index.js',
    remedy: 'the action bundle is committed; restore it with git checkout, or run npm run build in packages/pipeline-action',
  },
  actionManifest: { specifier: '@greenlight/pipeline-action/action.yml', remedy: 'is the checkout complete?' },
  hookZip: { specifier: '@greenlight/lifecycle-hooks/dist/lifecycle-hook.zip', remedy: 'run npm run build in packages/lifecycle-hooks' },
  // The very app examples/complete builds into its image (a package of its own there), so the demo rehearses what production runs.
  sampleApp: { specifier: '@greenlight/sample-app/server.mjs', remedy: 'it is terraform/examples/complete/app/server.mjs; is the checkout complete?' },
} as const satisfies Readonly<Record<string, Artifact>>;

const resolver = createRequire(import.meta.url);

/** The file of `artifact`, or `override` when given; either must exist. */
const artifactPath = (artifact: Artifact, override?: string): string => {
  if (override !== undefined) {
    if (!existsSync(override)) throw new RehearsalSetupError(`${override} is missing: ${artifact.remedy}`);
    return override;
  }
  try {
    return resolver.resolve(artifact.specifier);
  } catch (error) {
    throw new RehearsalSetupError(`${artifact.specifier} is missing: ${artifact.remedy}`, { cause: error });
  }
};

export { artifactPath, ARTIFACTS };
export type { Artifact };
