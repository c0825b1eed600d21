// Shared jest preset: native ESM (the @actions packages are ESM-only), TypeScript through @swc/jest.
// Type-checking is the `typecheck` task's job (tsc over src and tests); swc only strips types.
// Each package's jest.config.js is this object plus what differs (a longer timeout, fewer workers).
import { fileURLToPath } from 'node:url';

/** @type {import('jest').Config} */
export const baseConfig = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // Absolute, so the base does not depend on how deep a package sits.
  reporters: ['default', fileURLToPath(new URL('./scripts/jest-totals-reporter.js', import.meta.url))],
};
