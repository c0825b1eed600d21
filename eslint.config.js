import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { constantCase } from './scripts/eslint/constant-case.js';

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/lib/**', '**/coverage/**', '**/node_modules/**', 'terraform/**', '**/*.js', '**/*.mjs'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    plugins: { greenlight: { rules: { 'constant-case': constantCase } } },
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // One house style, kept here rather than by memory: functions are arrow constants; module-level constants
      // fixed in the source are UPPER_CASE (greenlight/constant-case), every other value camelCase, types PascalCase.
      'func-style': ['error', 'expression'],
      'greenlight/constant-case': 'error',
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'default', format: ['camelCase'], leadingUnderscore: 'allow' },
        { selector: 'variable', modifiers: ['const', 'global'], format: null },
        { selector: ['variable', 'parameter'], modifiers: ['destructured'], format: null },
        { selector: 'typeLike', format: ['PascalCase'] },
        { selector: 'import', format: null },
        { selector: ['objectLiteralProperty', 'typeProperty', 'objectLiteralMethod', 'enumMember'], format: null },
      ],
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
