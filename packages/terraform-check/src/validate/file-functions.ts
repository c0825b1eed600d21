import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SEVERITY, type Finding } from '../findings.js';
import { expressionsIn } from '../hcl.js';
import { expressionBlocks, type TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import { escapeRegExp, findLine } from '../source-text.js';

const FILE_CALL = /\b(templatefile|file|filebase64|filebase64sha256|filebase64sha512|filemd5|filesha1|filesha256|filesha512)\(\s*"((?:[^"\\]|\\.)*)"/g;

/** Resolves `${path.module}` (and `${path.root}` for root modules); undefined when other interpolations remain. */
const resolvePath = (module: TfModule, raw: string): string | undefined => {
  const path = raw.replaceAll('${path.module}', module.dir).replaceAll('${path.root}', module.dir);
  if (path.includes('${')) return undefined;
  return path.startsWith('/') ? path : join(module.dir, path);
};

/** templatefile()/file()/filebase64sha256()... calls whose literal path does not exist. */
const validateFileFunctions = (module: TfModule): Finding[] => {
  const findings: Finding[] = [];
  for (const block of expressionBlocks(module)) {
    for (const expression of expressionsIn(block.body)) {
      for (const [, fn, raw = ''] of expression.matchAll(FILE_CALL)) {
        const path = resolvePath(module, raw);
        if (path === undefined || existsSync(path)) continue;
        const line = findLine(block.file.lines, new RegExp(`${fn}\\(\\s*"${escapeRegExp(raw)}`), block.line, block.endLine, block.line);
        findings.push({
          file: block.file.path,
          line,
          rule: RULE.missingFile,
          severity: SEVERITY.Error,
          message: `${fn}("${raw}") reads a file that does not exist: ${path}`,
        });
      }
    }
  }
  return findings;
};

export { validateFileFunctions };
