// hcl2json drops positions, so findings are located by searching the source text of the file.

const escapeRegExp = (text: string): string => {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
};

/** 1-based line of a top-level block header such as `resource "aws_s3_bucket" "this" {`, or 1. */
const blockHeaderLine = (text: string, keyword: string, labels: readonly string[], occurrence = 0): number => {
  const labelPattern = labels.map((label) => `[ \\t]+"?${escapeRegExp(label)}"?`).join('');
  const matches = [...text.matchAll(new RegExp(`^[ \\t]*${escapeRegExp(keyword)}${labelPattern}[ \\t]*\\{`, 'gm'))];
  const match = matches[occurrence] ?? matches[0];
  return match ? lineAt(text, match.index) : 1;
};

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
};

/**
 * Last line of the block whose header is on `headerLine`: counts braces, skipping strings, comments and heredocs,
 * which is all the lexing a well-formed (already parsed) file needs.
 */
const blockEndLine = (lines: readonly string[], headerLine: number): number => {
  let depth = 0;
  let heredoc: string | undefined;
  for (let index = headerLine - 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    let quoted = false;
    for (let column = 0; column < line.length; column += 1) {
      const char = line[column];
      if (quoted) {
        if (char === '\\') column += 1;
        else if (char === '"') quoted = false;
        continue;
      }
      if (char === '"') quoted = true;
      else if (char === '#' || (char === '/' && line[column + 1] === '/')) break;
      else if (char === '{') depth += 1;
      else if (char === '}') {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
    }
    const opener = /<<-?(\w+)\s*$/.exec(line);
    if (opener && !quoted) heredoc = opener[1];
  }
  return lines.length;
};

/** First line in [from, to] matching the pattern, or `fallback`. */
const findLine = (lines: readonly string[], pattern: RegExp, from: number, to: number, fallback: number): number => {
  for (let line = from; line <= Math.min(to, lines.length); line += 1) {
    if (pattern.test(lines[line - 1] ?? '')) return line;
  }
  return fallback;
};

/** Line where an argument (`name =`), a block (`name {`) or a dynamic block (`dynamic "name"`) starts. */
const memberLine = (lines: readonly string[], name: string, from: number, to: number): number => {
  const member = escapeRegExp(name);
  const pattern = new RegExp(`^\\s*("?${member}"?\\s*[={]|dynamic\\s+"${member}")`);
  return findLine(lines, pattern, from, to, from);
};

/** Whether `name` is written with block syntax (`name {`) somewhere in the range. */
const writtenAsBlock = (lines: readonly string[], name: string, from: number, to: number): boolean => {
  return findLine(lines, new RegExp(`^\\s*${escapeRegExp(name)}\\s*\\{`), from, to, 0) !== 0;
};

export { blockEndLine, blockHeaderLine, escapeRegExp, findLine, memberLine, writtenAsBlock };
