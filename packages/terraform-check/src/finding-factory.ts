import { SEVERITY, type Finding, type Severity } from './findings.js';
import type { TfBlock } from './module-loader.js';
import { memberLine } from './source-text.js';

/** A finding on the line where `member` is written inside the block (the block header when absent). */
const findingAt = (block: TfBlock, member: string | undefined, rule: string, message: string, severity: Severity = SEVERITY.Error): Finding => {
  const line = member === undefined ? block.line : memberLine(block.file.lines, member, block.line, block.endLine);
  return { file: block.file.path, line, rule, severity, message };
};

/** The block's address as Terraform prints it: `aws_s3_bucket.this`, `data.aws_iam_policy_document.x`. */
const addressOf = (kind: 'resource' | 'data', block: TfBlock): string => {
  const address = block.labels.join('.');
  return kind === 'data' ? `data.${address}` : address;
};

export { addressOf, findingAt };
