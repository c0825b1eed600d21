import { Marked } from 'marked';
import type { Token } from 'marked';

interface CodeBlock {
  /** The fence's info string up to the first space (`yaml`, `sh`, ...), lower-cased; empty when none. */
  readonly language: string;
  readonly text: string;
  /** Line of the block's first content line, so findings inside it can be offset. */
  readonly line: number;
}

interface MarkdownLink {
  readonly href: string;
  readonly line: number;
}

interface MarkdownDocument {
  readonly file: string;
  readonly codeBlocks: readonly CodeBlock[];
  readonly links: readonly MarkdownLink[];
  /** Heading anchors as GitHub renders them (`## How CI works` → `how-ci-works`), and `<a name>` anchors. */
  readonly anchors: ReadonlySet<string>;
}

const markdown = new Marked({ gfm: true });

/** The rendered text of inline tokens: what GitHub slugs a heading from. */
const plainText = (tokens: readonly Token[]): string => {
  return tokens
    .map((token) => {
      if ('tokens' in token && Array.isArray(token.tokens)) return plainText(token.tokens);
      return 'text' in token && typeof token.text === 'string' ? token.text : '';
    })
    .join('');
};

/** GitHub's anchor rule: lower-case, drop punctuation except '-' and '_', spaces become '-', repeats get -1, -2... */
const anchorFor = (heading: string, seen: Map<string, number>): string => {
  const base = heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
};

const parseMarkdown = (text: string, file: string): MarkdownDocument => {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineOf = (offset: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line += 1;
    return line + 1;
  };
  // Tokens come in document order; searching forward from the last hit keeps repeated snippets apart.
  let cursor = 0;
  const locate = (raw: string): number => {
    const found = text.indexOf(raw, cursor);
    if (found === -1) return lineOf(cursor);
    cursor = found;
    return lineOf(found);
  };

  const codeBlocks: CodeBlock[] = [];
  const links: MarkdownLink[] = [];
  const anchors = new Set<string>();
  const seenHeadings = new Map<string, number>();
  // The callback is synchronous: walkTokens' array of its return values holds no promise to wait for.
  void markdown.walkTokens(markdown.lexer(text), (token) => {
    switch (token.type) {
      case 'code': {
        const code = token as Token & { lang?: string; text: string };
        const fenceLine = locate(code.raw.split('\n')[0] ?? code.raw);
        codeBlocks.push({
          language: (code.lang ?? '').split(/\s/)[0]?.toLowerCase() ?? '',
          text: code.text,
          line: code.raw.startsWith('```') || code.raw.startsWith('~~~') ? fenceLine + 1 : fenceLine,
        });
        break;
      }
      case 'link':
      case 'image': {
        const link = token as Token & { href: string };
        links.push({ href: link.href, line: locate(link.raw) });
        break;
      }
      case 'heading': {
        const heading = token as Token & { tokens: Token[] };
        locate(heading.raw);
        anchors.add(anchorFor(plainText(heading.tokens), seenHeadings));
        break;
      }
      default:
        break;
    }
  });
  // Explicit HTML anchors count too: terraform-docs tables link to `<a name="input_name"></a>`.
  for (const match of text.matchAll(/<a\s[^>]*\b(?:name|id)=["']([^"']+)["']/gi)) {
    if (match[1] !== undefined) anchors.add(match[1].toLowerCase());
  }
  return { file, codeBlocks, links, anchors };
};

export { parseMarkdown };
export type { CodeBlock, MarkdownDocument, MarkdownLink };
