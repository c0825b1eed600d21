import { checkTerraform, type CheckOptions, type CheckReport } from './checker.js';
import { generateDocs, withDocs } from './docs.js';
import { CliUsageError, ScanError, SchemaLoadError, TerraformCheckError } from './errors.js';
import { formatFinding, SEVERITY, type Finding, type Severity } from './findings.js';
import { formatTerraform } from './formatter.js';
import { findModuleDirs, loadModule } from './module-loader.js';
import { policyRules } from './policy/catalog.js';
import { hasErrors, renderReport } from './report.js';
import { loadSchema } from './schema.js';
import { satisfies } from './version-constraint.js';

export {
  checkTerraform,
  CliUsageError,
  findModuleDirs,
  formatFinding,
  formatTerraform,
  generateDocs,
  hasErrors,
  loadModule,
  loadSchema,
  policyRules,
  renderReport,
  satisfies,
  ScanError,
  SchemaLoadError,
  SEVERITY,
  TerraformCheckError,
  withDocs,
  type CheckOptions,
  type CheckReport,
  type Finding,
  type Severity,
};
