// Errors of the checker itself (not findings about the checked code, which are reported as findings).

class TerraformCheckError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TerraformCheckError';
  }
}

class SchemaLoadError extends TerraformCheckError {
  constructor(path: string, options?: ErrorOptions) {
    super(
      `cannot read the provider schema at ${path}; regenerate it with \`node scripts/generate-schema.mjs\``,
      options,
    );
    this.name = 'SchemaLoadError';
  }
}

class CliUsageError extends TerraformCheckError {
  constructor(message: string) {
    super(`${message}\nusage: terraform-check [--fix] [--fix-docs] <dir>...`);
    this.name = 'CliUsageError';
  }
}

class ScanError extends TerraformCheckError {
  constructor(root: string, options?: ErrorOptions) {
    super(`cannot scan ${root}: expected an existing directory holding .tf files`, options);
    this.name = 'ScanError';
  }
}

/**
 * What Terraform itself would reject while evaluating an expression (a failed regex(), an index out of range,
 * null in a template): `can()` turns it into false, and a variable validation that raises it rejects the value.
 */
class TerraformEvaluationError extends TerraformCheckError {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformEvaluationError';
  }
}

export { CliUsageError, ScanError, SchemaLoadError, TerraformCheckError, TerraformEvaluationError };
