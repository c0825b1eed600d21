// ESLint rule greenlight/constant-case: one naming style for module-level constants.
// A module-level `const` whose value is fixed in the source (a literal, arithmetic on literals, or a non-empty
// object, array, Set or Map built only from those and other such constants, `as const` or `satisfies` allowed) is a
// constant: UPPER_CASE. Anything computed (a function, a path, a client, a schema) and module state (an empty
// collection filled later) is a binding: camelCase. typescript-eslint's
// naming-convention cannot see the initializer, so this rule judges it; naming-convention covers the rest.

const UPPER_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const COLLECTIONS = new Set(['Set', 'Map']);

/** Whether an expression is fixed in the source: literals, and collections of them or of other constants. */
const isFixed = (node) => {
  switch (node.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return node.expressions.length === 0;
    case 'UnaryExpression':
      return node.operator === '-' && isFixed(node.argument);
    case 'BinaryExpression':
      return isFixed(node.left) && isFixed(node.right);
    case 'Identifier':
      return UPPER_CASE.test(node.name) || node.name === 'undefined';
    case 'MemberExpression':
      return !node.computed && isFixed(node.object);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return isFixed(node.expression);
    case 'ArrayExpression':
      return node.elements.length > 0 && node.elements.every((element) => element !== null && (element.type === 'SpreadElement' ? isFixed(element.argument) : isFixed(element)));
    case 'ObjectExpression':
      return node.properties.length > 0 && node.properties.every((property) =>
        property.type === 'SpreadElement' ? isFixed(property.argument) : !property.computed && property.kind === 'init' && !property.method && isFixed(property.value),
      );
    case 'NewExpression':
      return node.callee.type === 'Identifier' && COLLECTIONS.has(node.callee.name) && node.arguments.length > 0 && node.arguments.every(isFixed);
    default:
      return false;
  }
};

const toUpperCase = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toUpperCase();
const toCamelCase = (name) => name.toLowerCase().replace(/_([a-z0-9])/g, (_, character) => character.toUpperCase());

/** @type {import('eslint').Rule.RuleModule} */
const constantCase = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Module-level constants fixed in the source are UPPER_CASE; computed bindings are camelCase.' },
    messages: {
      constant: "'{{name}}' is fixed in the source: name it {{expected}} (UPPER_CASE).",
      binding: "'{{name}}' is computed: name it {{expected}} (camelCase).",
    },
    schema: [],
  },
  create(context) {
    return {
      'Program > VariableDeclaration[kind="const"] > VariableDeclarator, Program > ExportNamedDeclaration > VariableDeclaration[kind="const"] > VariableDeclarator'(declarator) {
        if (declarator.id.type !== 'Identifier' || declarator.init === null) return;
        const { name } = declarator.id;
        if (isFixed(declarator.init)) {
          if (!UPPER_CASE.test(name)) context.report({ node: declarator.id, messageId: 'constant', data: { name, expected: toUpperCase(name) } });
        } else if (!CAMEL_CASE.test(name)) {
          context.report({ node: declarator.id, messageId: 'binding', data: { name, expected: toCamelCase(name) } });
        }
      },
    };
  },
};

export { constantCase };
