import { perResource } from './per-resource.js';
import type { PolicyRule } from './policy-rule.js';
import { firstBlock } from './values.js';

// ELB security policies that negotiate TLS 1.2 at the lowest (the TLS13-1-2, TLS-1-2 and FS-1-2 families).
const TLS12_POLICY = /TLS13-1-[23]|TLS-1-2|FS-1-2|TLS13-1-3/;

const dropInvalidHeaders = perResource(
  { id: 'CKV_AWS_131', mirrors: 'checkov CKV_AWS_131 / trivy AVD-AWS-0052', title: 'ALBs drop invalid header fields', waivable: true },
  ['aws_lb', 'aws_alb'],
  async (block, { values }) => {
    const type = 'load_balancer_type' in block.body ? await values.scalar(block.body.load_balancer_type) : 'application';
    if (type !== 'application') return undefined;
    const drop = await values.scalar(block.body.drop_invalid_header_fields);
    if (drop !== false && 'drop_invalid_header_fields' in block.body) return undefined;
    return { block, member: 'drop_invalid_header_fields', message: `${block.labels.join('.')} keeps invalid HTTP headers: set drop_invalid_header_fields = true` };
  },
);

const tlsPolicy = perResource(
  { id: 'CKV_AWS_103', mirrors: 'checkov CKV_AWS_103 / trivy AVD-AWS-0047', title: 'HTTPS listeners use a TLS 1.2+ security policy', waivable: true },
  ['aws_lb_listener', 'aws_alb_listener'],
  async (block, { values }) => {
    const protocol = await values.scalar(block.body.protocol);
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return undefined;
    const policy = 'ssl_policy' in block.body ? await values.scalar(block.body.ssl_policy) : 'ELBSecurityPolicy-2016-08';
    if (policy === undefined || TLS12_POLICY.test(String(policy))) return undefined;
    const message = `${block.labels.join('.')} uses ${String(policy)}, which allows TLS < 1.2: use ELBSecurityPolicy-TLS13-1-2-2021-06 or newer`;
    return { block, member: 'ssl_policy', message };
  },
);

const httpRedirects = perResource(
  { id: 'CKV2_AWS_20', mirrors: 'checkov CKV2_AWS_20 / CKV_AWS_2 / trivy AVD-AWS-0054', title: 'HTTP listeners only redirect to HTTPS', waivable: true },
  ['aws_lb_listener', 'aws_alb_listener'],
  async (block, { values }) => {
    const protocol = 'protocol' in block.body ? await values.scalar(block.body.protocol) : 'HTTP';
    if (protocol !== 'HTTP') return undefined;
    const action = firstBlock(block.body, 'default_action');
    const type = action ? await values.scalar(action.type) : undefined;
    const target = action ? await values.scalar(firstBlock(action, 'redirect')?.protocol) : undefined;
    if (type === 'redirect' && (target === 'HTTPS' || target === undefined)) return undefined;
    const message = `${block.labels.join('.')} serves plain HTTP: redirect to HTTPS, or waive it for non-production use with a reason`;
    return { block, member: 'default_action', message };
  },
);

const albRules: readonly PolicyRule[] = [dropInvalidHeaders, tlsPolicy, httpRedirects];

export { albRules };
