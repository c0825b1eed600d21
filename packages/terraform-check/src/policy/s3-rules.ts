import type { TfBlock } from '../module-loader.js';
import type { PolicyContext, PolicyHit, PolicyRule } from './policy-rule.js';
import { statementsOf } from './policy-documents.js';
import { firstBlock, refersTo } from './values.js';

const PUBLIC_ACCESS_FLAGS = {
  block_public_acls: 'CKV_AWS_53',
  block_public_policy: 'CKV_AWS_54',
  ignore_public_acls: 'CKV_AWS_55',
  restrict_public_buckets: 'CKV_AWS_56',
} as const;

/** For each bucket, the companion resources of one type that point at it through `bucket = aws_s3_bucket.x...`. */
const forEachBucket = async (
  context: PolicyContext,
  companionType: string,
  check: (bucket: TfBlock, companions: TfBlock[]) => Promise<PolicyHit[]>,
): Promise<PolicyHit[]> => {
  const hits: PolicyHit[] = [];
  for (const bucket of context.resources('aws_s3_bucket')) {
    const address = bucket.labels.join('.');
    const companions = context.resources(companionType).filter((companion) => refersTo(companion.body.bucket, address));
    hits.push(...(await check(bucket, companions)));
  }
  return hits;
};

const publicAccessBlock: PolicyRule = {
  id: 'CKV2_AWS_6',
  mirrors: 'checkov CKV2_AWS_6, CKV_AWS_53..56',
  title: 'S3 buckets have a public access block with all four settings on',
  waivable: true,
  check: (context) =>
    forEachBucket(context, 'aws_s3_bucket_public_access_block', async (bucket, [block]) => {
      const address = bucket.labels.join('.');
      if (!block) return [{ block: bucket, message: `${address} has no aws_s3_bucket_public_access_block: add one with all four settings true` }];
      const hits: PolicyHit[] = [];
      for (const [flag, mirrored] of Object.entries(PUBLIC_ACCESS_FLAGS)) {
        const value = flag in block.body ? await context.values.scalar(block.body[flag]) : false;
        if (value === false) hits.push({ block, member: flag, message: `${flag} is not true for ${address} (${mirrored}): set it to true` });
      }
      return hits;
    }),
};

const encryption: PolicyRule = {
  id: 'CKV_AWS_19',
  mirrors: 'checkov CKV_AWS_19 / CKV_AWS_145',
  title: 'S3 buckets declare server-side encryption',
  waivable: true,
  check: (context) =>
    forEachBucket(context, 'aws_s3_bucket_server_side_encryption_configuration', async (bucket, companions) =>
      Promise.resolve(
        companions.length > 0
          ? []
          : [{ block: bucket, message: `${bucket.labels.join('.')} has no aws_s3_bucket_server_side_encryption_configuration: encrypt it (SSE-KMS preferred)` }],
      ),
    ),
};

const versioning: PolicyRule = {
  id: 'CKV_AWS_21',
  mirrors: 'checkov CKV_AWS_21',
  title: 'S3 buckets have versioning enabled',
  waivable: true,
  check: (context) =>
    forEachBucket(context, 'aws_s3_bucket_versioning', async (bucket, [companion]) => {
      const address = bucket.labels.join('.');
      if (!companion) return [{ block: bucket, message: `${address} has no aws_s3_bucket_versioning: enable versioning` }];
      const status = await context.values.scalar(firstBlock(companion.body, 'versioning_configuration')?.status);
      if (status === undefined || status === 'Enabled') return [];
      return [{ block: companion, member: 'status', message: `versioning of ${address} is "${String(status)}": set status = "Enabled"` }];
    }),
};

const tlsOnly: PolicyRule = {
  id: 'GL_S3_TLS_ONLY',
  mirrors: 'AWS Security Hub S3.5 (trivy/checkov have no single id)',
  title: 'S3 bucket policies deny requests without TLS',
  waivable: true,
  check: (context) =>
    forEachBucket(context, 'aws_s3_bucket_policy', async (bucket, policies) => {
      for (const policy of policies) {
        const statements = await statementsOf(context.module, context.values, policy.body.policy);
        // A policy built in a way we cannot read is given the benefit of the doubt.
        if (!statements) return [];
        const deniesPlainHttp = statements.some(
          (statement) =>
            statement.effect === 'Deny' &&
            statement.conditions.some((condition) => condition.variable === 'aws:SecureTransport' && condition.values.includes('false')),
        );
        if (deniesPlainHttp) return [];
      }
      const message = `${bucket.labels.join('.')} has no bucket policy denying aws:SecureTransport = false: add a TLS-only Deny statement`;
      return [{ block: bucket, message }];
    }),
};

const s3Rules: readonly PolicyRule[] = [publicAccessBlock, encryption, versioning, tlsOnly];

export { s3Rules };
