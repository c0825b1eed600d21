import { didYouMean } from '../did-you-mean.js';
import { findingAt } from '../finding-factory.js';
import { SEVERITY, type Finding } from '../findings.js';
import { localSource, type ChildModules } from '../module-calls.js';
import type { TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';

const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);

/** Inputs of local child modules that do not exist or are missing; non-local sources get a note. */
const validateModuleInputs = (module: TfModule, children: ChildModules): Finding[] => {
  const findings: Finding[] = [];
  for (const call of module.moduleCalls) {
    const name = call.labels[0] ?? '';
    const child = children.get(name);
    if (!child) {
      const source = typeof call.body.source === 'string' ? call.body.source : '(no source)';
      const [rule, severity, message] =
        localSource(call) === undefined
          ? [RULE.moduleSource, SEVERITY.Note, `module.${name}: inputs of "${source}" are not checked (not a local module; offline check)`]
          : [RULE.moduleSource, SEVERITY.Error, `module.${name}: local source "${source}" holds no .tf files`];
      findings.push(findingAt(call, 'source', rule, message, severity));
      continue;
    }
    const variables = new Map(child.variables.map((block) => [block.labels[0] ?? '', block]));
    for (const input of Object.keys(call.body).filter((key) => !MODULE_META_ARGUMENTS.has(key))) {
      if (!variables.has(input)) {
        const message = `module.${name} (${child.displayDir}) has no input "${input}"${didYouMean(input, variables.keys())}`;
        findings.push(findingAt(call, input, RULE.moduleInput, message));
      }
    }
    for (const [input, variable] of variables) {
      if (!('default' in variable.body) && !(input in call.body)) {
        findings.push(findingAt(call, undefined, RULE.moduleInput, `module.${name} (${child.displayDir}) is missing the required input "${input}"`));
      }
    }
  }
  return findings;
};

export { validateModuleInputs };
