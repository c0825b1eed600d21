import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { generateDocs, withDocs } from './docs.js';
import { compareFindings, SEVERITY, type Finding } from './findings.js';
import { firstDifference, formatTerraform } from './formatter.js';
import { withInputValues, type InputValues } from './input-values.js';
import { childDir } from './module-calls.js';
import { findModuleDirs, loadModule, type TfModule } from './module-loader.js';
import { policyRules } from './policy/catalog.js';
import { runPolicies } from './policy/run-policies.js';
import { RULE } from './rules.js';
import { loadSchema, type ProviderSchema } from './schema.js';
import { validateAwsNames } from './validate/aws-names.js';
import { validateDeclarations } from './validate/declarations.js';
import { validateFileFunctions } from './validate/file-functions.js';
import { validateModuleInputs } from './validate/module-inputs.js';
import { validateMovedBlocks } from './validate/moved-blocks.js';
import { validateProviderFloor } from './validate/provider-floor.js';
import { validateProviderVersion } from './validate/provider-version.js';
import { validateReferences } from './validate/references.js';
import { validateSchemaBlocks } from './validate/schema-blocks.js';
import { applyWaivers, type WaiverOutcome } from './waivers.js';

interface CheckOptions {
  /** Write formatted files instead of reporting them. */
  readonly fix?: boolean;
  /** Rewrite README tables between the TF_DOCS markers instead of reporting drift. */
  readonly fixDocs?: boolean;
  readonly schema?: ProviderSchema;
  /** Paths in findings are shown relative to this directory. */
  readonly cwd?: string;
  /**
   * Values for input variables, by name, in every module that declares them: validation and policy judge that
   * variant (format and README tables are judged on the code as written).
   */
  readonly inputs?: InputValues;
}

interface CheckReport {
  readonly modules: number;
  readonly files: number;
  readonly resources: number;
  readonly findings: readonly Finding[];
  readonly waivers: WaiverOutcome['applied'];
  readonly fixedFiles: readonly string[];
  readonly durationMs: number;
}

const unwaivable = new Set(policyRules.filter((rule) => !rule.waivable).map((rule) => rule.id));

const checkFormat = async (module: TfModule, fix: boolean, fixed: string[]): Promise<Finding[]> => {
  const findings: Finding[] = [];
  for (const file of module.files) {
    const formatted = await formatTerraform(file.text);
    if (formatted === file.text) continue;
    if (fix) {
      await writeFile(file.absolutePath, formatted);
      fixed.push(file.path);
    } else {
      const message = 'file is not formatted as terraform fmt would write it: run terraform-check --fix';
      findings.push({ file: file.path, line: firstDifference(file.text, formatted), rule: RULE.fmt, severity: SEVERITY.Error, message });
    }
  }
  return findings;
};

const checkDocs = async (module: TfModule, cwd: string, fixDocs: boolean, fixed: string[]): Promise<Finding[]> => {
  const path = join(module.dir, 'README.md');
  if (!existsSync(path)) return [];
  const readme = await readFile(path, 'utf8');
  const updated = withDocs(readme, generateDocs(module));
  if (updated === undefined || updated === readme) return [];
  const shown = relative(cwd, path) || path;
  if (fixDocs) {
    await writeFile(path, updated);
    fixed.push(shown);
    return [];
  }
  const message = 'inputs/outputs tables between the TF_DOCS markers are out of date: run terraform-check --fix-docs';
  return [{ file: shown, line: firstDifference(readme, updated), rule: RULE.docs, severity: SEVERITY.Error, message }];
};

/** Loads modules once each: a child module is read again by every caller otherwise. */
class ModuleCache {
  private readonly loaded = new Map<string, Promise<TfModule>>();
  constructor(
    private readonly cwd: string,
    private readonly inputs: InputValues,
  ) {}
  /** The module as written. */
  load(dir: string): Promise<TfModule> {
    let module = this.loaded.get(dir);
    if (!module) {
      module = loadModule(dir, this.cwd);
      this.loaded.set(dir, module);
    }
    return module;
  }
  /** The module with the given input values: what validation and policy judge. */
  async variant(dir: string): Promise<TfModule> {
    return withInputValues(await this.load(dir), this.inputs);
  }
}

const childrenOf = async (module: TfModule, cache: ModuleCache): Promise<Map<string, TfModule>> => {
  const children = new Map<string, TfModule>();
  for (const call of module.moduleCalls) {
    const dir = childDir(module, call);
    if (dir === undefined || !existsSync(dir)) continue;
    const child = await cache.variant(dir);
    if (child.files.length > 0) children.set(call.labels[0] ?? '', child);
  }
  return children;
};

/** terraform fmt + validate + security policy + docs drift over every directory with .tf files below the roots. */
const checkTerraform = async (roots: readonly string[], options: CheckOptions = {}): Promise<CheckReport> => {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const schema = options.schema ?? loadSchema();
  const cache = new ModuleCache(cwd, options.inputs ?? new Map());
  const findings: Finding[] = [];
  const waivers: WaiverOutcome['applied'] = [];
  const fixed: string[] = [];
  let files = 0;
  let resources = 0;
  const dirs = await findModuleDirs(roots);
  for (const dir of dirs) {
    const written = await cache.load(dir);
    const module = await cache.variant(dir);
    files += module.files.length + module.syntaxErrors.length;
    resources += module.resources.length;
    const children = await childrenOf(module, cache);
    const raw = [
      ...module.syntaxErrors,
      ...(await checkFormat(written, options.fix ?? false, fixed)),
      ...validateSchemaBlocks(module, schema),
      ...validateDeclarations(module),
      ...(await validateReferences(module, schema, children)),
      ...validateModuleInputs(module, children),
      ...validateFileFunctions(module),
      ...validateProviderVersion(module, schema),
      ...(await validateProviderFloor(module, children)),
      ...(await validateAwsNames(module)),
      ...validateMovedBlocks(module),
      ...(await runPolicies(module)),
    ];
    const outcome = applyWaivers(module.files, raw, unwaivable);
    findings.push(...outcome.findings, ...(await checkDocs(written, cwd, options.fixDocs ?? false, fixed)));
    waivers.push(...outcome.applied);
  }
  return {
    modules: dirs.length,
    files,
    resources,
    findings: findings.sort(compareFindings),
    waivers,
    fixedFiles: fixed,
    durationMs: performance.now() - started,
  };
};

export { checkTerraform, type CheckOptions, type CheckReport };
