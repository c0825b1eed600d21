import { fileURLToPath } from 'node:url';
import { checkTerraform, type CheckOptions, type CheckReport } from '../src/checker.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs the checker over one fixture directory, with paths shown relative to the package. */
function checkFixture(name: string, options: CheckOptions = {}): Promise<CheckReport> {
  return checkTerraform([`tests/fixtures/${name}`], { cwd: PACKAGE_DIR, ...options });
}

/** Findings as `line rule` strings, the shape most assertions compare. */
function lineRules(report: CheckReport): string[] {
  return report.findings.map((finding) => `${finding.line} ${finding.rule}`);
}

export { checkFixture, lineRules, PACKAGE_DIR };
