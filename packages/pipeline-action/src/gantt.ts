/**
 * The job summary's marks for a status, and the rules that keep untrusted names valid in a mermaid gantt chart:
 * shared by the pipeline's bars and the deployment's.
 */

const STATUS_ICONS: Readonly<Record<string, string>> = {
  Succeeded: '✅',
  Failed: '❌',
  InProgress: '🔄',
  Abandoned: '⊘',
};

const statusMark = (status: string): string => STATUS_ICONS[status] ?? '•';

// Mermaid's gantt grammar ends a task name at ':' and a line at ';', '#' starts an entity and '%%' a comment;
// none of them may reach the chart.
const ganttText = (text: string): string => text.replaceAll(/[:;#%\r\n]/g, ' ').trim() || '-';

/**
 * One bar. A task line starting with a gantt keyword (title, excludes, click, section, ...) would be read as that
 * statement, so every task name starts with its mark, which no keyword does. A zero-length bar would not render,
 * so a bar lasts a second at least.
 */
const ganttBar = (mark: string, name: string, status: string, id: string, start: number, end: number): string => {
  const tag = status === 'Failed' ? 'crit, ' : status === 'InProgress' ? 'active, ' : 'done, ';
  return `  ${mark} ${ganttText(name)} :${tag}${id}, ${start}, ${Math.max(end, start + 1000)}`;
};

export { ganttBar, ganttText, STATUS_ICONS, statusMark };
