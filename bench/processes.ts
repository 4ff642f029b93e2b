import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../tests/helpers/redisServer';

export interface BotProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..');

/** Starts `entry` (a TypeScript file) in its own Node process through tsx and waits for /healthz or `listening`. */
export async function startBotProcess(entry: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  child.stderr?.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited early: ${output}`);
    if (Date.now() > deadline) throw new Error(`${entry} did not start: ${output}`);
    const up = await fetch(`${url}/healthz`).then((r) => r.status < 500, () => false);
    if (up || output.includes('listening')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid ?? -1,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }),
  };
}
