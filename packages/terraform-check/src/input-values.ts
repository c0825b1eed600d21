import type { TfModule } from './module-loader.js';

/** Values given for input variables by name (`--var deployment_controller=ECS`), all strings as on Terraform's CLI. */
type InputValues = ReadonlyMap<string, string>;

/**
 * The module as validated with the given inputs: each variable it declares under one of those names takes the value
 * as its default, so every rule judges that variant (a module that does not declare the name is unchanged).
 */
const withInputValues = (module: TfModule, inputs: InputValues): TfModule => {
  if (!module.variables.some((variable) => inputs.has(variable.labels[0] ?? ''))) return module;
  const variables = module.variables.map((variable) => {
    const value = inputs.get(variable.labels[0] ?? '');
    return value === undefined ? variable : { ...variable, body: { ...variable.body, default: value } };
  });
  return { ...module, variables };
};

export { withInputValues, type InputValues };
