import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
let listening = false;

/**
 * Kills `child` if this process exits first. The apps and the hook run in their own process groups (out of a
 * terminal Ctrl-C's reach, as the AWS side is), so nothing else would stop them if the demo dies abruptly.
 */
const reapOnExit = (child: ChildProcess): void => {
  if (!listening) {
    listening = true;
    process.once('exit', () => {
      for (const orphan of running) orphan.kill('SIGKILL');
    });
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
};

export { reapOnExit };
