/**
 * Reads a step's output as GitHub's runner does, so tests see exactly the commands the runner would execute.
 * Sources (actions/runner, main): src/Runner.Common/ActionCommand.cs (TryParseV2, TryParse and the unescape
 * tables) and src/Runner.Worker/ActionCommandManager.cs (TryProcessCommand: V2 first, then V1; stop-commands).
 */

/** A workflow command the runner would execute, such as `::error file=x::message`. */
interface WorkflowCommand {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

// ActionCommandManager registers stop-commands plus each command extension's name; names compare ignoring case.
const REGISTERED_COMMANDS = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
] as const;

const unescapeWith = (value: string, mappings: readonly (readonly [string, string])[]): string =>
  mappings.reduce((text, [escaped, token]) => text.replaceAll(escaped, token), value);

// ActionCommand._escapeDataMappings, _escapePropertyMappings and _escapeMappings (V1), in the runner's order.
const DATA_ESCAPES = [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']] as const;
const PROPERTY_ESCAPES = [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']] as const;
const LEGACY_ESCAPES = [['%3B', ';'], ['%0D', '\r'], ['%0A', '\n'], ['%5D', ']'], ['%25', '%']] as const;

const commandName = (info: string): { name: string; rest: string | undefined } => {
  const space = info.indexOf(' ');
  return space < 0 ? { name: info, rest: undefined } : { name: info.slice(0, space), rest: info.slice(space + 1) };
};

const parseProperties = (text: string | undefined, separator: string, escapes: typeof PROPERTY_ESCAPES | typeof LEGACY_ESCAPES) => {
  const properties: Record<string, string> = {};
  for (const pair of (text ?? '').split(separator).filter(Boolean)) {
    const equals = pair.indexOf('=');
    // Split(count: 2, RemoveEmptyEntries): a pair needs a non-empty name and value.
    if (equals > 0 && equals < pair.length - 1) properties[pair.slice(0, equals)] = unescapeWith(pair.slice(equals + 1), escapes);
  }
  return properties;
};

/** TryParseV2: after TrimStart the line starts with `::`; `::name k=v,k2=v2::data`. */
const parseV2 = (line: string, registered: ReadonlySet<string>): WorkflowCommand | undefined => {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const { name, rest } = commandName(message.slice(2, end));
  if (!registered.has(name.toLowerCase())) return undefined;
  return {
    command: name,
    properties: parseProperties(rest?.trim(), ',', PROPERTY_ESCAPES),
    message: unescapeWith(message.slice(end + 2), DATA_ESCAPES),
  };
};

/** TryParse (legacy): `##[name k=v;k2=v2]data` found anywhere in the line. */
const parseV1 = (line: string, registered: ReadonlySet<string>): WorkflowCommand | undefined => {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const bracket = line.indexOf(']', prefix);
  if (bracket < 0) return undefined;
  const { name, rest } = commandName(line.slice(prefix + 3, bracket));
  if (!registered.has(name.toLowerCase())) return undefined;
  return {
    command: name,
    properties: parseProperties(rest, ';', LEGACY_ESCAPES),
    message: unescapeWith(line.slice(bracket + 1), LEGACY_ESCAPES),
  };
};

/**
 * Replays a step's output line by line, with the runner's state: after `stop-commands` with a valid token,
 * every command is ignored until one named by the token. Returns the commands the runner executes, in order
 * (stop-commands and its resume token are the runner's own and not returned).
 */
const parseWorkflowCommands = (output: string): WorkflowCommand[] => {
  const registered = new Set<string>(REGISTERED_COMMANDS);
  let stopToken: string | undefined;
  const executed: WorkflowCommand[] = [];
  // The runner reads lines with StreamReader.ReadLine: CR, LF and CRLF each end one.
  for (const line of output.split(/\r\n|\r|\n/)) {
    const command = parseV2(line, registered) ?? parseV1(line, registered);
    if (command === undefined) continue;
    const name = command.command.toLowerCase();
    if (stopToken !== undefined) {
      if (name === stopToken) {
        registered.delete(stopToken);
        stopToken = undefined;
      }
      continue;
    }
    if (name === 'stop-commands') {
      const token = command.message.toLowerCase();
      // ValidateStopToken: an empty token, `pause-logging` or a registered command name does not stop anything.
      if (token !== '' && token !== 'pause-logging' && !registered.has(token)) {
        stopToken = token;
        registered.add(token);
      }
      continue;
    }
    executed.push(command);
  }
  return executed;
};

/**
 * What the runner ends up with for outputs or state: stdout `set-output` / `save-state` commands first, then the
 * file (GITHUB_OUTPUT / GITHUB_STATE), which the runner applies after the step and which wins for its keys.
 */
const effectiveValues = (commands: readonly WorkflowCommand[], command: 'set-output' | 'save-state', fromFile: Record<string, string>) => {
  const values: Record<string, string> = {};
  for (const entry of commands) {
    const name = entry.properties['name'];
    if (entry.command.toLowerCase() === command && name !== undefined) values[name] = entry.message;
  }
  return { ...values, ...fromFile };
};

export { effectiveValues, parseWorkflowCommands };
export type { WorkflowCommand };
