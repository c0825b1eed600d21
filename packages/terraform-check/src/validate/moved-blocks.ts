import { findingAt } from '../finding-factory.js';
import type { Finding } from '../findings.js';
import { soleInterpolation } from '../hcl.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';

/** A `moved` endpoint in this module: `aws_x.name`, `module.name`, either with an optional `[key]`. */
interface Endpoint {
  readonly text: string;
  readonly target?: TfBlock;
  readonly isModule: boolean;
  /** `string` for `["key"]`, `number` for `[0]`, undefined without an instance key. */
  readonly keyKind?: 'string' | 'number';
}

// Endpoints inside child modules (`module.a.aws_x.y`) are left alone: their declarations are in the child.
const ADDRESS = /^(?:module\.([\w-]+)|([a-z][\w-]*)\.([\w-]+))(?:\[\s*("[^"]*"|\d+)\s*\])?$/;

const endpoint = (module: TfModule, value: unknown): Endpoint | undefined => {
  const text = soleInterpolation(typeof value === 'string' ? value : undefined)?.trim();
  const match = text === undefined ? null : ADDRESS.exec(text);
  if (text === undefined || match === null) return undefined;
  const [, moduleName, type, name, key] = match;
  const target =
    moduleName === undefined
      ? module.resources.find((block) => block.labels[0] === type && block.labels[1] === name)
      : module.moduleCalls.find((block) => block.labels[0] === moduleName);
  const keyKind = key === undefined ? undefined : key.startsWith('"') ? 'string' : 'number';
  return { text, isModule: moduleName !== undefined, ...(target ? { target } : {}), ...(keyKind ? { keyKind } : {}) };
};

const KEY_DESCRIPTIONS = { string: 'a string key (it has for_each)', number: 'a number index (it has count)' } as const;

/** The instance key kind the declaration takes: for_each keys are strings, count indexes numbers. */
const repetition = (block: TfBlock): Endpoint['keyKind'] => {
  if ('for_each' in block.body) return 'string';
  return 'count' in block.body ? 'number' : undefined;
};

const problems = (from: Endpoint, to: Endpoint): string[] => {
  const found: string[] = [];
  const kind = to.isModule ? 'module call' : 'resource';
  if (from.target !== undefined && from.keyKind === undefined && to.target !== from.target) {
    found.push(`${from.text} is still declared: terraform refuses a move away from an address the configuration keeps (remove or rename it)`);
  }
  if (to.target === undefined) {
    found.push(`moves to ${to.text}, which this module does not declare: the object would be planned for destruction (declare it or fix the address)`);
  } else if (repetition(to.target) !== to.keyKind) {
    const takes = repetition(to.target);
    found.push(`moves to ${to.text}, but the ${kind} takes ${takes === undefined ? 'no instance key' : KEY_DESCRIPTIONS[takes]}`);
  }
  return found;
};

/**
 * `moved` blocks (https://developer.hashicorp.com/terraform/language/modules/develop/refactoring): without a
 * terraform binary a mistyped address would only show at plan time, as a destroy and a create.
 */
const validateMovedBlocks = (module: TfModule): Finding[] => {
  const findings: Finding[] = [];
  for (const block of module.movedBlocks) {
    const from = endpoint(module, block.body.from);
    const to = endpoint(module, block.body.to);
    if (from === undefined || to === undefined) continue;
    for (const message of problems(from, to)) findings.push(findingAt(block, message.startsWith('moves to') ? 'to' : 'from', RULE.moved, message));
  }
  return findings;
};

export { validateMovedBlocks };
