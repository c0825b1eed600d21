/** One problem found in a repository file, located precisely enough to fix without searching. */
interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly message: string;
}

/** `file:line [rule] message`, one per line: what a test failure shows. */
const formatFindings = (findings: readonly Finding[]): string =>
  findings.map((finding) => `${finding.file}:${finding.line} [${finding.rule}] ${finding.message}`).join('\n');

export { formatFindings };
export type { Finding };
