/**
 * Parses a GitHub file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV) as the runner does:
 * `name=value` lines and `name<<DELIMITER` … `DELIMITER` heredocs, later writes winning.
 */
const parseFileCommands = (text: string): Record<string, string> => {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const body: string[] = [];
      for (index++; index < lines.length && lines[index] !== delimiter; index++) body.push(lines[index] ?? '');
      values[name] = body.join('\n');
      continue;
    }
    const separator = line.indexOf('=');
    if (separator > 0) values[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return values;
};

export { parseFileCommands };
