// Types for constant-case.js (plain JavaScript, as ESLint loads its config without a build step).
import type { Rule } from 'eslint';

declare const constantCase: Rule.RuleModule;

export { constantCase };
