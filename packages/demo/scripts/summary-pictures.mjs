// Renders the job summary of two demo rehearsals (a canary release and a hook-failure rollback) the way GitHub
// shows it — GFM by marked, mermaid diagrams by mermaid — in headless Chromium, and writes the screenshots to
// docs/images/. Run after `npm run build`: `npm run pictures -w packages/demo` (needs a `chromium` binary, e.g.
// Debian's `apt-get install -y chromium fonts-noto-color-emoji fonts-wqy-microhei` — the fonts draw the status
// marks and the timeline's full-width percent sign — or CHROMIUM=/path/to/chrome). Not part of CI.
// The <details> blocks are opened so that the picture shows what a click would.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { marked } from 'marked';
import { runRehearsal } from '../dist/index.js';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outDir = path.join(repoRoot, 'docs', 'images');
const chromium = process.env.CHROMIUM ?? 'chromium';
const PICTURES = [
  { scenario: 'canary', file: 'summary-canary.png' },
  { scenario: 'hook-fails', file: 'summary-rollback.png' },
];
const WIDTH = 1100;

// The part of GitHub's Markdown style that shapes a summary: font, headings, tables, code, details.
const STYLE = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; margin: 24px; max-width: ${WIDTH - 48}px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; } h3 { font-size: 1.25em; margin-top: 24px; }
table { border-collapse: collapse; margin: 8px 0 16px; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; } th { font-weight: 600; } tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(129,139,152,.12); padding: .2em .4em; border-radius: 6px; }
a { color: #0969da; text-decoration: none; } summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
`;

const page = (markdown, mermaidScript) => {
  const html = marked
    .parse(markdown, { gfm: true })
    .replaceAll('<details>', '<details open>')
    .replace(/<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g, '<pre class="mermaid">$1</pre>');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${html}
<script>${mermaidScript}</script><script>mermaid.initialize({ startOnLoad: true, gantt: { useWidth: ${WIDTH - 60} } });</script></body></html>`;
};

const mermaidScript = await readFile(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
const work = await mkdtemp(path.join(tmpdir(), 'greenlight-pictures-'));
for (const picture of PICTURES) {
  const result = await runRehearsal({ scenario: picture.scenario, print: () => undefined });
  const summary = result.action.main.summary;
  const htmlFile = path.join(work, `${picture.scenario}.html`);
  await writeFile(htmlFile, page(summary, mermaidScript));
  await writeFile(path.join(work, `${picture.scenario}.md`), summary);
  const height = 700 + summary.split('\n').length * 22;
  await promisify(execFile)(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--virtual-time-budget=5000',
    `--window-size=${WIDTH},${height}`, `--screenshot=${path.join(outDir, picture.file)}`, `file://${htmlFile}`,
  ]);
  process.stdout.write(`${picture.scenario}: ${Buffer.byteLength(summary)} bytes of summary → docs/images/${picture.file}\n`);
}
