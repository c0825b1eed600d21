import { SEVERITY, type Finding } from './findings.js';
import type { TfFile } from './module-loader.js';
import { RULE } from './rules.js';
import { blockEndLine } from './source-text.js';

const WAIVER = /greenlight:ignore(?:\s+(\S+))?(?:\s+(.*\S))?/;

interface Waiver {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly reason: string;
  /** Lines the waiver covers: the block or argument written directly below the comment run. */
  readonly from: number;
  readonly to: number;
}

interface WaiverOutcome {
  readonly findings: Finding[];
  readonly applied: { readonly waiver: Waiver; readonly finding: Finding }[];
}

/** Waivers of one file, plus findings for waivers written without a rule id or a reason. */
const readWaivers = (file: TfFile): { waivers: Waiver[]; problems: Finding[] } => {
  const waivers: Waiver[] = [];
  const problems: Finding[] = [];
  file.lines.forEach((text, index) => {
    const trimmed = text.trim();
    if (!trimmed.startsWith('#') && !trimmed.startsWith('//')) return;
    const match = WAIVER.exec(trimmed);
    if (!match) return;
    const line = index + 1;
    const [, rule, reason] = match;
    if (rule === undefined || reason === undefined) {
      const message = 'a waiver needs a rule id and a reason: # greenlight:ignore <RULE_ID> <why this is acceptable>';
      problems.push({ file: file.path, line, rule: RULE.waiverReason, severity: SEVERITY.Error, message });
      return;
    }
    let target = line + 1;
    while (/^\s*(#|\/\/)/.test(file.lines[target - 1] ?? '')) target += 1;
    const to = (file.lines[target - 1] ?? '').trimEnd().endsWith('{') ? blockEndLine(file.lines, target) : target;
    waivers.push({ file: file.path, line, rule, reason, from: target, to });
  });
  return { waivers, problems };
};

/**
 * Drops the findings covered by a waiver (same rule, inside the waived block), reports waivers without a
 * reason, waivers that match nothing, and waivers of rules that cannot be waived.
 */
const applyWaivers = (files: readonly TfFile[], findings: readonly Finding[], unwaivable: ReadonlySet<string>): WaiverOutcome => {
  const kept: Finding[] = [];
  const applied: WaiverOutcome['applied'] = [];
  const waivers: Waiver[] = [];
  for (const file of files) {
    const read = readWaivers(file);
    waivers.push(...read.waivers);
    kept.push(...read.problems);
  }
  const used = new Set<Waiver>();
  for (const finding of findings) {
    const waiver = waivers.find((candidate) => candidate.file === finding.file && candidate.rule === finding.rule && candidate.from <= finding.line && finding.line <= candidate.to);
    if (waiver && !unwaivable.has(finding.rule)) {
      used.add(waiver);
      applied.push({ waiver, finding });
    } else kept.push(finding);
  }
  for (const waiver of waivers.filter((candidate) => !used.has(candidate))) {
    const message = unwaivable.has(waiver.rule)
      ? `${waiver.rule} cannot be waived`
      : `waiver for ${waiver.rule} matched no finding on the block below it (this checker proved no problem there, or does not implement the rule)`;
    // Unmatched waivers stay notes: they may serve scanners with more rules, or values only known at plan time.
    const severity = unwaivable.has(waiver.rule) ? SEVERITY.Error : SEVERITY.Note;
    kept.push({ file: waiver.file, line: waiver.line, rule: RULE.waiverUnused, severity, message });
  }
  return { findings: kept, applied };
};

export { applyWaivers, type Waiver, type WaiverOutcome };
