const SEVERITY = {
  Error: 'error',
  Warning: 'warning',
  Note: 'note',
} as const;

type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];

interface Finding {
  /** Path as given to the checker (relative to the working directory when possible). */
  readonly file: string;
  readonly line: number;
  /** Rule id: `fmt`, `validate/<what>`, or a policy id mirroring checkov/trivy (`CKV_AWS_18`). */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

// Code-unit order, not localeCompare: the output must not depend on the machine's locale.
const compareText = (a: string, b: string): number => {
  return a < b ? -1 : a > b ? 1 : 0;
};

const compareFindings = (a: Finding, b: Finding): number => {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.rule, b.rule);
};

const formatFinding = (finding: Finding): string => {
  const level = finding.severity === SEVERITY.Error ? '' : ` (${finding.severity})`;
  return `${finding.file}:${finding.line} ${finding.rule}${level} ${finding.message}`;
};

export { SEVERITY, compareFindings, formatFinding, type Finding, type Severity };
