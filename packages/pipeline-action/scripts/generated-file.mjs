// The write-or-check step shared by the scripts that generate files from action.yml.
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Writes `expected` to `target`, or with `check` exits 1 when `target` differs from it, printing `hint` (the
 * command that regenerates it). A missing target differs.
 */
const writeOrCheck = async ({ target, expected, check, hint }) => {
  const current = await readFile(target, 'utf8').catch((error) => {
    if (error?.code === 'ENOENT') return undefined;
    throw error;
  });
  if (current === expected) return;
  if (check) {
    console.error(`${target}: ${hint}`);
    process.exit(1);
  }
  await writeFile(target, expected);
};

export { writeOrCheck };
