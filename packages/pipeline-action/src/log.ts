import { randomBytes } from 'node:crypto';
import { cutText } from './cut-text.js';

/** A printed line longer than this is cut: a hostile build log or message cannot flood the runner's log. */
const MAX_LINE_CHARS = 4_096;

// The runner reads a line as a command only if, after TrimStart, it starts with `::` (ActionCommand.TryParseV2)
// or it holds `##[` anywhere (ActionCommand.TryParse): actions/runner src/Runner.Common/ActionCommand.cs.
const couldBeCommand = (line: string): boolean => line.includes('::') || line.includes('##[');

// The runner splits its input on CR, LF and CRLF alike, so each of them starts a line it would parse.
const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** A token no printed text contains: `::<token>::` is the only line that resumes command processing. */
const stopToken = (lines: readonly string[]): string => {
  for (;;) {
    const token = randomBytes(16).toString('hex');
    if (!lines.some((line) => line.includes(token))) return token;
  }
};

/**
 * The one way this action prints a log line. Its text may hold AWS messages, build logs, hook reasons or GitHub
 * errors, so it is never read by the runner as a workflow command: lines that could parse as one are printed
 * between `::stop-commands::<random token>` and `::<token>::` (GitHub's documented "stopping and starting
 * workflow commands"; actions/runner src/Runner.Worker/ActionCommandManager.cs ignores every command until the
 * token). Lines that cannot parse as a command are printed as they are, without the two extra marker lines.
 */
const logLines = (texts: readonly string[]): void => {
  const lines = texts.flatMap(splitLines).map((line) => cutText(line, MAX_LINE_CHARS));
  if (!lines.some(couldBeCommand)) {
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const token = stopToken(lines);
  process.stdout.write(`::stop-commands::${token}\n${lines.join('\n')}\n::${token}::\n`);
};

const logLine = (text: string): void => logLines([text]);

export { logLine, logLines, MAX_LINE_CHARS };
