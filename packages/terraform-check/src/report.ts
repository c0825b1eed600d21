import { formatFinding, SEVERITY } from './findings.js';
import type { CheckReport } from './checker.js';

const count = (report: CheckReport, severity: string): number => {
  return report.findings.filter((finding) => finding.severity === severity).length;
};

/** Findings as `file:line rule message`, the waivers in force, fixed files and a summary line. */
const renderReport = (report: CheckReport): string => {
  const lines = report.findings.map(formatFinding);
  if (report.waivers.length > 0) {
    lines.push('', `waivers (${report.waivers.length}):`);
    for (const { waiver, finding } of report.waivers) lines.push(`  ${waiver.file}:${finding.line} ${waiver.rule} waived: ${waiver.reason}`);
  }
  for (const file of report.fixedFiles) lines.push(`fixed ${file}`);
  lines.push(
    '',
    `terraform-check: ${report.modules} modules, ${report.files} files, ${report.resources} resources; ` +
      `${count(report, SEVERITY.Error)} errors, ${count(report, SEVERITY.Warning)} warnings, ${count(report, SEVERITY.Note)} notes, ` +
      `${report.waivers.length} waived; ${(report.durationMs / 1000).toFixed(2)} s`,
  );
  return `${lines.join('\n')}\n`;
};

const hasErrors = (report: CheckReport): boolean => {
  return report.findings.some((finding) => finding.severity === SEVERITY.Error);
};

export { hasErrors, renderReport };
