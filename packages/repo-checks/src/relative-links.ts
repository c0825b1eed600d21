import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

import type { Finding } from './finding.js';
import type { MarkdownDocument } from './markdown-document.js';

const RELATIVE_LINK_RULE = {
  MissingTarget: 'missing-link-target',
  MissingAnchor: 'missing-anchor',
} as const;

/** `https:`, `mailto:`, protocol-relative `//host`: links this check cannot and should not resolve. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every relative link must reach a file in the repository (GitHub resolves `/x` from the repository root),
 * and a `#fragment` into a Markdown file must name one of its headings.
 */
const checkRelativeLinks = (
  document: MarkdownDocument,
  root: string,
  documentsByName: ReadonlyMap<string, MarkdownDocument>,
): Finding[] => {
  const findings: Finding[] = [];
  for (const link of document.links) {
    if (EXTERNAL.test(link.href)) continue;
    const [pathPart = '', fragment] = link.href.split('#', 2);
    const path = decodeURIComponent(pathPart.split('?')[0] ?? '');
    const targetName =
      path === ''
        ? document.file
        : path.startsWith('/')
          ? posix.normalize(path.slice(1))
          : posix.normalize(posix.join(posix.dirname(document.file), path));
    if (path !== '' && (targetName.startsWith('../') || !existsSync(join(root, targetName)))) {
      findings.push({
        file: document.file,
        line: link.line,
        rule: RELATIVE_LINK_RULE.MissingTarget,
        message: `link '${link.href}' points to ${targetName}, which does not exist: fix the path or add the file.`,
      });
      continue;
    }
    const target = documentsByName.get(targetName.replace(/\/$/, ''));
    if (fragment !== undefined && fragment !== '' && target !== undefined && !target.anchors.has(fragment.toLowerCase())) {
      findings.push({
        file: document.file,
        line: link.line,
        rule: RELATIVE_LINK_RULE.MissingAnchor,
        message: `link '${link.href}' names '#${fragment}', but ${targetName} has no such heading (it has: ${[...target.anchors].join(', ')}).`,
      });
    }
  }
  return findings;
};

export { checkRelativeLinks, RELATIVE_LINK_RULE };
