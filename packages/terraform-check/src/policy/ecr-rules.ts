import { perResource } from './per-resource.js';
import type { PolicyRule } from './policy-rule.js';
import { firstBlock } from './values.js';

const IMMUTABLE = ['IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION'];

const immutableTags = perResource(
  { id: 'CKV_AWS_51', mirrors: 'checkov CKV_AWS_51', title: 'ECR repositories have immutable tags', waivable: true },
  ['aws_ecr_repository'],
  async (block, { values }) => {
    const mutability = 'image_tag_mutability' in block.body ? await values.scalar(block.body.image_tag_mutability) : 'MUTABLE';
    if (mutability === undefined || IMMUTABLE.includes(String(mutability))) return undefined;
    return { block, member: 'image_tag_mutability', message: `${block.labels.join('.')} has mutable tags: set image_tag_mutability = "IMMUTABLE"` };
  },
);

const scanOnPush = perResource(
  { id: 'CKV_AWS_163', mirrors: 'checkov CKV_AWS_163', title: 'ECR repositories scan images on push', waivable: true },
  ['aws_ecr_repository'],
  async (block, { values }) => {
    const scanning = firstBlock(block.body, 'image_scanning_configuration');
    const scan = scanning ? await values.scalar(scanning.scan_on_push) : false;
    if (scan !== false) return undefined;
    return { block, member: 'image_scanning_configuration', message: `${block.labels.join('.')} does not scan on push: add image_scanning_configuration { scan_on_push = true }` };
  },
);

const ecrRules: readonly PolicyRule[] = [immutableTags, scanOnPush];

export { ecrRules };
