/** A workflow command the action printed on stdout, such as `::error file=x::message`. */
interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

// Escapes as @actions/core writes them: data escapes %, \r, \n; properties also : and ,.
const unescapeData = (value: string): string =>
  value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
const unescapeProperty = (value: string): string =>
  unescapeData(value.replaceAll('%3A', ':').replaceAll('%2C', ','));

const parseWorkflowCommands = (stdout: string): WorkflowCommand[] =>
  stdout.split('\n').flatMap((line) => {
    const match = /^::([a-zA-Z-]+)(?: ([^:]*))?::(.*)$/.exec(line.trimEnd());
    if (!match) return [];
    const [, command = '', rawProperties = '', message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of rawProperties.split(',').filter(Boolean)) {
      const separator = pair.indexOf('=');
      if (separator > 0) properties[pair.slice(0, separator)] = unescapeProperty(pair.slice(separator + 1));
    }
    return [{ command, properties, message: unescapeData(message) }];
  });

export { parseWorkflowCommands };
export type { WorkflowCommand };
