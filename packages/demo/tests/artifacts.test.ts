import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { artifactPath, ARTIFACTS } from '../src/artifacts.js';
import { RehearsalSetupError } from '../src/errors.js';

describe('the artifacts a rehearsal runs', () => {
  it.each([
    [ARTIFACTS.actionEntry, 'packages/pipeline-action/dist/index.js'],
    [ARTIFACTS.actionManifest, 'packages/pipeline-action/action.yml'],
    [ARTIFACTS.hookZip, 'packages/lifecycle-hooks/dist/lifecycle-hook.zip'],
    [ARTIFACTS.sampleApp, 'terraform/examples/complete/app/server.mjs'],
  ])('resolves $specifier through its package to the file it owns', (artifact, ownedFile) => {
    // Act
    const file = artifactPath(artifact);

    // Assess
    expect(file.endsWith(`/${ownedFile}`)).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses an override that does not exist, naming it and what to do', () => {
    // Act
    const resolve = (): string => artifactPath(ARTIFACTS.hookZip, '/nonexistent/lifecycle-hook.zip');

    // Assess
    expect(resolve).toThrow(RehearsalSetupError);
    expect(resolve).toThrow('/nonexistent/lifecycle-hook.zip is missing: run npm run build in packages/lifecycle-hooks');
  });
});
