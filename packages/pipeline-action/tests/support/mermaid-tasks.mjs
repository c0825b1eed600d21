// Reads a mermaid diagram on stdin and prints its gantt tasks as mermaid itself parses them (JSON), or the
// parse error. Mermaid needs a DOM for its sanitiser, so jsdom provides one; run as a child process to keep
// mermaid's ESM graph out of jest.
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
let text = '';
for await (const chunk of process.stdin) text += chunk;
try {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  process.stdout.write(JSON.stringify({ tasks: diagram.db.getTasks().map((task) => ({ name: task.task.trim(), section: task.section })) }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error.message ?? error) }));
}
