import { didYouMean } from '../did-you-mean.js';
import { SEVERITY, type Finding } from '../findings.js';
import { blocksOf, expressionsIn, isObject, type HclObject, type HclValue } from '../hcl.js';
import type { ChildModules } from '../module-calls.js';
import type { TfBlock, TfModule } from '../module-loader.js';
import { RULE } from '../rules.js';
import { memberNode, type ProviderSchema, type SchemaNode } from '../schema.js';
import { escapeRegExp, findLine } from '../source-text.js';
import { traversalsOf, type Traversal, type TraversalStep } from '../traversals.js';
import { satisfies } from '../version-constraint.js';

// Names that exist only in some blocks: each needs for_each, count needs count, self a resource.
const CONTEXTUAL_ROOTS: Readonly<Record<string, string>> = {
  each: 'a block with for_each',
  count: 'a block with count',
  self: 'a resource (provisioners, conditions)',
};

const BUILT_IN_ROOTS: Readonly<Record<string, readonly string[]>> = {
  path: ['module', 'root', 'cwd'],
  terraform: ['workspace', 'applying'],
};

interface Declarations {
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
  readonly resources: ReadonlySet<string>;
  readonly data: ReadonlySet<string>;
}

interface Scope {
  readonly block: TfBlock;
  /** Names bound inside the block: dynamic iterators, plus `each`/`count`/`self` where they are valid. */
  readonly bound: ReadonlySet<string>;
}

const declarationsOf = (module: TfModule): Declarations => {
  return {
    variables: new Set(module.variables.map((block) => block.labels[0] ?? '')),
    locals: new Set(module.locals.keys()),
    modules: new Set(module.moduleCalls.map((block) => block.labels[0] ?? '')),
    resources: new Set(module.resources.map((block) => block.labels.join('.'))),
    data: new Set(module.dataSources.map((block) => block.labels.join('.'))),
  };
};

const dynamicIterators = (value: HclValue | undefined, into: Set<string>): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => dynamicIterators(item, into));
  if (!isObject(value)) return into;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'dynamic' && isObject(inner)) {
      for (const [label, items] of Object.entries(inner)) {
        into.add(label);
        for (const item of blocksOf(items)) if (typeof item.iterator === 'string') into.add(item.iterator.replace(/^\$\{|\}$/g, ''));
      }
    }
    dynamicIterators(inner, into);
  }
  return into;
};

/** Names after the block's own label, skipping `[0]`/`["key"]` steps (count and for_each instances). */
const namesAfter = (steps: readonly TraversalStep[], start: number): string[] => {
  return steps.slice(start).filter((step) => !step.index).map((step) => step.name);
};

const attributeProblem = (node: SchemaNode, names: readonly string[]): string | undefined => {
  let current: SchemaNode | undefined = node;
  for (const name of names) {
    if (!current) return undefined;
    const members = [...Object.keys(current.attributes), ...Object.keys(current.blocks)];
    if (!members.includes(name)) return `"${name}"${didYouMean(name, members)}`;
    if (current.attributes[name] && !current.attributes[name].nested) return undefined;
    current = memberNode(current, name);
  }
  return undefined;
};

class ReferenceChecker {
  readonly findings: Finding[] = [];
  private readonly declared: Declarations;

  constructor(
    module: TfModule,
    private readonly schema: ProviderSchema,
    private readonly children: ChildModules,
  ) {
    this.declared = declarationsOf(module);
  }

  private report(scope: Scope, traversal: Traversal, rule: string, message: string): void {
    const { lines } = scope.block.file;
    const head = traversal.steps.slice(0, 2).map((step) => escapeRegExp(step.name)).join('\\s*\\.\\s*');
    const line = findLine(lines, new RegExp(head), scope.block.line, scope.block.endLine, scope.block.line);
    this.findings.push({ file: scope.block.file.path, line, rule, severity: SEVERITY.Error, message });
  }

  private checkResourceAttributes(scope: Scope, traversal: Traversal, node: SchemaNode | undefined, address: string, start: number): void {
    if (!node) return;
    const problem = attributeProblem(node, namesAfter(traversal.steps, start));
    if (problem) this.report(scope, traversal, RULE.unknownAttribute, `${address} has no attribute ${problem}`);
  }

  private checkModuleOutput(scope: Scope, traversal: Traversal, name: string): void {
    const child = this.children.get(name);
    const [output] = namesAfter(traversal.steps, 2);
    if (!child || output === undefined) return;
    const outputs = child.outputs.map((block) => block.labels[0] ?? '');
    if (!outputs.includes(output)) {
      const message = `module.${name} (${child.displayDir}) declares no output "${output}"${didYouMean(output, outputs)}`;
      this.report(scope, traversal, RULE.moduleOutput, message);
    }
  }

  private undeclared(scope: Scope, traversal: Traversal, what: string, name: string, known: Iterable<string>): void {
    const message = `reference to undeclared ${what} "${name}"${didYouMean(name, known)}`;
    this.report(scope, traversal, RULE.undeclaredReference, message);
  }

  /** Terraform before 1.9 rejects a variable validation that refers to anything but the variable itself. */
  checkValidationReference(scope: Scope, traversal: Traversal): void {
    const [root, first] = traversal.steps.map((step) => step.name);
    const variable = scope.block.labels[0] ?? '';
    if (root !== 'var' || first === undefined || first === variable) return;
    const message =
      `the validation of variable "${variable}" refers to var.${first}, which Terraform before 1.9 rejects and required_version allows: ` +
      'move the condition into a precondition of the resource that uses both, or require Terraform >= 1.9';
    this.report(scope, traversal, RULE.validationReference, message);
  }

  check(scope: Scope, traversal: Traversal): void {
    const [root, first, second] = traversal.steps.map((step) => step.name);
    if (root === undefined || scope.bound.has(root)) return;
    const context = CONTEXTUAL_ROOTS[root];
    if (context !== undefined) {
      this.report(scope, traversal, RULE.undeclaredReference, `"${traversal.text}" is only valid inside ${context}`);
      return;
    }
    if (root in BUILT_IN_ROOTS) {
      const known = BUILT_IN_ROOTS[root] ?? [];
      if (first !== undefined && !known.includes(first)) this.undeclared(scope, traversal, `${root} attribute`, first, known);
      return;
    }
    if (first === undefined) {
      this.undeclared(scope, traversal, 'name', root, []);
      return;
    }
    switch (root) {
      case 'var':
        if (!this.declared.variables.has(first)) this.undeclared(scope, traversal, 'variable', first, this.declared.variables);
        return;
      case 'local':
        if (!this.declared.locals.has(first)) this.undeclared(scope, traversal, 'local value', first, this.declared.locals);
        return;
      case 'module':
        if (!this.declared.modules.has(first)) this.undeclared(scope, traversal, 'module', first, this.declared.modules);
        else this.checkModuleOutput(scope, traversal, first);
        return;
      case 'data': {
        const address = `${first}.${second ?? ''}`;
        if (!this.declared.data.has(address)) this.undeclared(scope, traversal, 'data source', `data.${address}`, [...this.declared.data].map((name) => `data.${name}`));
        else this.checkResourceAttributes(scope, traversal, this.schema.data_sources[first], `data.${address}`, 3);
        return;
      }
      default: {
        const address = `${root}.${first}`;
        if (!this.declared.resources.has(address)) this.undeclared(scope, traversal, 'resource', address, this.declared.resources);
        else this.checkResourceAttributes(scope, traversal, this.schema.resources[root], address, 2);
      }
    }
  }
}

const withoutIgnoreChanges = (body: HclObject): HclObject => {
  // ignore_changes holds attribute paths of the block itself, not references.
  if (!('lifecycle' in body)) return body;
  const lifecycle = blocksOf(body.lifecycle).map((block) => Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'ignore_changes')));
  return { ...body, lifecycle };
};

const boundNames = (block: TfBlock, selfAllowed: boolean): Set<string> => {
  const bound = dynamicIterators(block.body, new Set());
  if ('for_each' in block.body) bound.add('each');
  if ('count' in block.body) bound.add('count');
  if (selfAllowed) bound.add('self');
  return bound;
};

// The last Terraform release that allowed a variable's validation to refer only to the variable itself.
const LAST_SELF_ONLY_VALIDATION = '1.8.5';

const allowsSelfOnlyValidation = (module: TfModule): boolean => {
  return module.terraformBlocks.every((block) => {
    const constraint = block.body.required_version;
    return typeof constraint !== 'string' || satisfies(LAST_SELF_ONLY_VALIDATION, constraint);
  });
};

/**
 * Undeclared var/local/module/data/resource references, unknown attributes, unknown module outputs, and variable
 * validations referring to other variables where required_version allows a Terraform that rejects them.
 */
const validateReferences = async (module: TfModule, schema: ProviderSchema, children: ChildModules): Promise<Finding[]> => {
  const checker = new ReferenceChecker(module, schema, children);
  const selfOnlyValidation = allowsSelfOnlyValidation(module);
  const scopes: { block: TfBlock; value: HclValue; selfAllowed: boolean; validation: boolean }[] = [
    ...[...module.resources, ...module.dataSources].map((block) => ({
      block,
      value: withoutIgnoreChanges(block.body),
      selfAllowed: true,
      validation: false,
    })),
    ...[...module.outputs, ...module.moduleCalls, ...module.providers, ...module.checks, ...module.localBlocks].map((block) => ({
      block,
      value: block.body,
      selfAllowed: false,
      validation: false,
    })),
    // A variable's default holds no references; only its validation does.
    ...module.variables.map((block) => ({ block, value: block.body.validation ?? null, selfAllowed: false, validation: true })),
  ];
  for (const { block, value, selfAllowed, validation } of scopes) {
    const scope = { block, bound: boundNames(block, selfAllowed) };
    const traversals = await traversalsOf(block.file.path, expressionsIn(value));
    for (const traversal of traversals) {
      checker.check(scope, traversal);
      if (validation && selfOnlyValidation) checker.checkValidationReference(scope, traversal);
    }
  }
  return checker.findings;
};

export { validateReferences };
