import { fileURLToPath } from 'node:url';
import { checkTerraform, type CheckOptions, type CheckReport } from '../src/checker.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the checker over one fixture directory, with paths shown relative to the package. */
const checkFixture = (name: string, options: CheckOptions = {}): Promise<CheckReport> => {
  return checkTerraform([`tests/fixtures/${name}`], { cwd: packageDir, ...options });
};

/** Findings as `line rule` strings, the shape most assertions compare. */
const lineRules = (report: CheckReport): string[] => {
  return report.findings.map((finding) => `${finding.line} ${finding.rule}`);
};

export { checkFixture, lineRules, packageDir };
