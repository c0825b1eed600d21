/**
 * Markdown for the job summary from text greenlight does not control (AWS messages, names, build logs, hook
 * reasons). GitHub renders the summary as GFM with HTML allowed, so that text is escaped for both.
 */
import { cutText } from './cut-text.js';

/** A log line in the summary is cut here: 30 lines of 40 KB must not approach the 1 MiB summary limit. */
const MAX_SUMMARY_LINE_CHARS = 2_000;

// Text is never put inside an attribute, so quotes need no entity.
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Inline text: HTML-escaped; the punctuation that opens emphasis, code, links, tables or strikethrough anywhere
 * in a line backslash-escaped (CommonMark allows a backslash before any ASCII punctuation), and so is a block
 * marker at its start (heading, list, quote, rule); line breaks folded to spaces so a table row or a list item
 * stays one line.
 */
const inlineText = (text: string): string =>
  cutText(text, MAX_SUMMARY_LINE_CHARS)
    .replaceAll(/\r\n|\r|\n/g, ' ')
    .replaceAll(/[&<>]/g, (character) => HTML_ENTITIES[character] ?? character)
    .replaceAll(/[\\`*_{}[\]|~]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');

const longestRun = (text: string, character: string): number => {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
};

/** Inline code: the backtick fence is longer than any run of backticks inside, as CommonMark requires. */
const inlineCode = (text: string): string => {
  const content = cutText(text, MAX_SUMMARY_LINE_CHARS).replaceAll(/\r\n|\r|\n/g, ' ');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  // A space on each side is stripped by the renderer; it is needed only when the content touches a backtick.
  const pad = /^`|`$/.test(content) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
};

/** A fenced code block whose fence is longer than any run of backticks in its lines (at least three). */
const codeBlock = (lines: readonly string[], language = 'text'): string[] => {
  const bounded = lines.map((line) => cutText(line, MAX_SUMMARY_LINE_CHARS));
  const fence = '`'.repeat(Math.max(3, ...bounded.map((line) => longestRun(line, '`') + 1)));
  return [`${fence}${language}`, ...bounded, fence];
};

/**
 * A link from an external label and URL (CodePipeline's external execution URL is the action provider's text):
 * only an https URL becomes a link, normalised by the URL parser (which percent-encodes `<`, `>`, spaces and
 * quotes) with its parentheses encoded too, since `)` would end the link; anything else is shown as text.
 */
const link = (label: string, url: string | undefined): string => {
  const target = URL.parse(url ?? '');
  if (target?.protocol !== 'https:') return inlineText(label);
  return `[${inlineText(label)}](${target.href.replaceAll('(', '%28').replaceAll(')', '%29')})`;
};

export { codeBlock, inlineCode, inlineText, link, MAX_SUMMARY_LINE_CHARS };
