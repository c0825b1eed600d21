import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/lib/**', '**/coverage/**', '**/node_modules/**', 'terraform/**', '**/*.js', '**/*.mjs'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // The action prints log lines only through src/log.ts, which keeps external text from being read as a
    // workflow command; core.info would print it as it is.
    files: ['packages/pipeline-action/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@actions/core', importNames: ['info'], message: "Print with logLine/logLines from './log.js'." }] },
      ],
    },
  },
);
