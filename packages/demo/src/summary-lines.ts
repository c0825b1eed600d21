const MAX_LINES = 14;
const MAX_WIDTH = 140;

/**
 * The lines of a job summary worth showing in a terminal: headings, the outcome and the table rows, without
 * the mermaid timeline (a diagram GitHub draws, noise as text).
 */
const summaryKeyLines = (summary: string): string[] => {
  const lines: string[] = [];
  let inFence = false;
  for (const line of summary.split('\n')) {
    if (line.trimStart().startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === '' || /^\|?\s*:?-{3,}/.test(line.trim())) continue;
    lines.push(line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH - 1)}…` : line);
    if (lines.length === MAX_LINES) break;
  }
  return lines;
};

export { summaryKeyLines };
