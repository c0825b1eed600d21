// The files Node loads before running any code of a bundle: the entry and its static imports, transitively
// (dynamic import() chunks excluded). Shared by the bench (import) and the dist test (`node startup-graph.mjs
// <entry>` prints them as JSON).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const staticImport = /(?:^|[;}\s])import\s*(?:[^"'()]*?from\s*)?["'](\.[^"']+)["']/g;

const startupGraph = (entry) => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(staticImport)) {
      visit(path.resolve(path.dirname(file), specifier));
    }
  };
  visit(path.resolve(entry));
  return [...seen];
};

if (process.argv[2] !== undefined && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(startupGraph(process.argv[2])));
}

export { startupGraph };
