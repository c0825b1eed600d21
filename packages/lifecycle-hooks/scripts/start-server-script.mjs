// Starts one of the local servers in scripts/ (bench-server.mjs, hostile-green.mjs) in its own Node 24 process,
// so that its work never counts against the client being measured, and waits for the port it prints.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Path } from '@greenlight/testkit';

const scriptsDir = path.dirname(fileURLToPath(import.meta.url));

const startServerScript = async (name) => {
  const child = spawn(node24Path(), [path.join(scriptsDir, name)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) => child.stdout.once('data', (data) => resolve(Number(String(data).trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
};

export { startServerScript };
