import { spawn } from 'node:child_process';
import path from 'node:path';
import { node24Path } from '@greenlight/testkit';
import { packageDir } from './lambda-zip.js';

/** scripts/hostile-green.mjs in its own process: its paths are the answers listed at the top of that script. */
interface HostileGreen {
  readonly url: string;
  stop(): void;
}

const startHostileGreen = async (): Promise<HostileGreen> => {
  const child = spawn(node24Path(), [path.join(packageDir, 'scripts', 'hostile-green.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
};

export { startHostileGreen };
export type { HostileGreen };
