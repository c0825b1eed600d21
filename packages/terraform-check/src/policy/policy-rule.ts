import type { TfBlock, TfModule } from '../module-loader.js';
import type { ValueResolver } from './values.js';

interface PolicyContext {
  readonly module: TfModule;
  readonly values: ValueResolver;
  resources(...types: string[]): TfBlock[];
}

interface PolicyHit {
  readonly block: TfBlock;
  /** Argument or nested block the finding is about, to point at its line; the block header when absent. */
  readonly member?: string;
  readonly message: string;
}

interface PolicyRule {
  /** The checkov/trivy id the rule mirrors (greenlight-only rules use a `GL_` id and say what they follow). */
  readonly id: string;
  readonly mirrors: string;
  readonly title: string;
  /** Some rules protect invariants of the blue/green design and cannot be waived. */
  readonly waivable: boolean;
  check(context: PolicyContext): Promise<PolicyHit[]>;
}

export { type PolicyContext, type PolicyHit, type PolicyRule };
