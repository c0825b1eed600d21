import { describe, expect, it } from '@jest/globals';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { constantCase } from '../../../scripts/eslint/constant-case.js';

// The house style's naming rule (scripts/eslint/constant-case.js), run through ESLint as the lint task runs it.
const linter = new Linter({ configType: 'flat' });
const config = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { greenlight: { rules: { 'constant-case': constantCase } } },
    rules: { 'greenlight/constant-case': 'error' as const },
  },
];

const verdict = (code: string): string[] =>
  linter.verify(code, config, 'module.ts').map((message) => message.messageId ?? message.message);

describe('greenlight/constant-case', () => {
  it.each([
    'const MAX_LINE_CHARS = 4_096;',
    "const OUTCOME = { Succeeded: 'Succeeded', Failed: 'Failed' } as const;",
    "const NAMES = new Set(['a', 'b']);",
    'const WINDOW_MS = 60 * 1000;',
    'const LIMITS = { lines: MAX_LINE_CHARS, pages: 5 };',
    "export const DEFAULTS = { region: 'us-east-1' } satisfies Record<string, string>;",
    "const packageDir = new URL('.', import.meta.url).pathname;",
    'const retryDelay = (attempt: number) => 2 ** attempt;',
    'const running = new Set<string>();',
    'const cleanups: (() => void)[] = [];',
    'const headlines = { Succeeded: (name: string) => `${name} succeeded` };',
    'const inner = () => { const LOCAL_IS_NOT_JUDGED = 1; return LOCAL_IS_NOT_JUDGED; };',
  ])('accepts %s', (code) => {
    // Act
    const messages = verdict(code);

    // Assess
    expect(messages).toEqual([]);
  });

  it.each([
    ['const maxLineChars = 4_096;', 'constant'],
    ["const Outcome = { Succeeded: 'Succeeded' } as const;", 'constant'],
    ["export const retryCodes = ['ECONNRESET'];", 'constant'],
    ["const PACKAGE_DIR = new URL('.', import.meta.url).pathname;", 'binding'],
    ['const RUNNING = new Set<string>();', 'binding'],
  ])('refuses %s (%s)', (code, messageId) => {
    // Act
    const messages = verdict(code);

    // Assess
    expect(messages).toEqual([messageId]);
  });
});
