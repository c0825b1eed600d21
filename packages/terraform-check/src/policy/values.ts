import { parse } from '@cdktf/hcl2json';
import { blocksOf, isObject, soleInterpolation, type HclObject, type HclValue } from '../hcl.js';
import { expressionsWithLocals, type TfBlock, type TfModule } from '../module-loader.js';

const MAX_DEPTH = 8;

/**
 * Evaluates what can be known offline: literals, `var.x` (its default), `local.x`, `jsonencode(...)`, and
 * hcl2json values nested in them. Anything else stays an expression string, which rules treat as unknown
 * (they only report what they can prove).
 */
class ValueResolver {
  private readonly variables: Map<string, TfBlock>;

  constructor(private readonly module: TfModule) {
    this.variables = new Map(module.variables.map((block) => [block.labels[0] ?? '', block]));
  }

  private named(expression: string): HclValue | undefined {
    const variable = /^var\.(\w+)$/.exec(expression);
    if (variable) {
      const body = this.variables.get(variable[1] ?? '')?.body;
      return body && 'default' in body ? body.default : undefined;
    }
    const local = /^local\.(\w+)$/.exec(expression);
    if (local) return this.module.locals.get(local[1] ?? '')?.body[local[1] ?? ''];
    return undefined;
  }

  private async decode(argument: string, depth: number): Promise<HclValue | undefined> {
    const named = this.named(argument.trim());
    if (named !== undefined) return this.resolve(named, depth + 1);
    try {
      const parsed = (await parse('jsonencode.tf', `value = ${argument}\n`)) as HclObject;
      return this.resolve(parsed.value ?? null, depth + 1);
    } catch {
      return undefined;
    }
  }

  async resolve(value: HclValue | undefined, depth = 0): Promise<HclValue | undefined> {
    if (value === undefined || depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return Promise.all(value.map(async (item) => (await this.resolve(item, depth + 1)) ?? null));
    if (isObject(value)) {
      const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, (await this.resolve(item, depth + 1)) ?? null] as const));
      return Object.fromEntries(entries);
    }
    const inner = soleInterpolation(value);
    if (inner === undefined) return value;
    const encoded = /^jsonencode\(([\s\S]*)\)$/.exec(inner.trim());
    if (encoded) return this.decode(encoded[1] ?? '', depth);
    const named = this.named(inner.trim());
    return named === undefined ? value : this.resolve(named, depth + 1);
  }

  /** A literal (resolved) scalar, or undefined when it depends on something unknown offline. */
  async scalar(value: HclValue | undefined): Promise<string | number | boolean | undefined> {
    const resolved = await this.resolve(value);
    if (typeof resolved === 'string') return resolved.includes('${') ? undefined : resolved;
    return typeof resolved === 'number' || typeof resolved === 'boolean' ? resolved : undefined;
  }

  /**
   * The source text of `value` and of the locals it uses (transitively): where an expression is beyond this
   * resolver (`merge()`, a filtering `for`), rules can still find what one field is set to.
   */
  private sourceText(value: HclValue | undefined): string {
    return expressionsWithLocals(this.module, [value]).join('\n');
  }

  /**
   * What `field = ...` is set to anywhere in the text behind `value`: whether it is set at all, and its literal
   * value when known offline (undefined when it depends on something unknown).
   */
  async fieldInSource(value: HclValue | undefined, field: string): Promise<{ set: boolean; value: string | number | boolean | undefined }> {
    const match = new RegExp(`\\b${field}\\s*=\\s*([^\\n,}]+)`).exec(this.sourceText(value));
    if (!match) return { set: false, value: undefined };
    return { set: true, value: await this.scalar(`\${${(match[1] ?? '').trim()}}`) };
  }

  /**
   * Whether `literal` is written anywhere in `value`, its resolved form or the locals it uses (transitively):
   * finds a setting chosen through `each.value` in a `for_each` map built with `merge()` or a `for`.
   */
  async mentions(value: HclValue | undefined, literal: string): Promise<boolean> {
    return this.sourceText(value).includes(literal) || JSON.stringify((await this.resolve(value)) ?? null).includes(literal);
  }

  /** Literal strings of a resolved list (or of a single string); expressions are left out. */
  async strings(value: HclValue | undefined): Promise<string[]> {
    const resolved = await this.resolve(value);
    const items = Array.isArray(resolved) ? resolved : [resolved];
    return items.filter((item): item is string => typeof item === 'string' && !item.includes('${'));
  }
}

/** Whether any expression in `value` refers to `address` (e.g. `aws_s3_bucket.artifacts`). */
const refersTo = (value: HclValue | undefined, address: string): boolean => {
  if (typeof value === 'string') return new RegExp(`\\b${address.replaceAll('.', '\\.')}\\b`).test(value);
  if (Array.isArray(value)) return value.some((item) => refersTo(item, address));
  if (isObject(value)) return Object.values(value).some((item) => refersTo(item, address));
  return false;
};

const firstBlock = (body: HclObject, name: string): HclObject | undefined => {
  return blocksOf(body[name])[0];
};

export { ValueResolver, firstBlock, refersTo };
