import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Records each package's test totals in `.jest-totals.json`, so `npm test` can close with one
 * `N passed, N failed` line over the whole monorepo (turbo restores the file on a cache hit).
 */
export default class JestTotalsReporter {
  #rootDir;

  constructor(globalConfig) {
    this.#rootDir = globalConfig.rootDir;
  }

  onRunComplete(_testContexts, results) {
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    writeFileSync(path.join(this.#rootDir, '.jest-totals.json'), `${JSON.stringify(totals)}\n`);
  }
}
