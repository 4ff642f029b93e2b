import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server process started for tests on a free loopback port, so no developer data is touched. */
export interface TestRedisServer {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server (SIGTERM, then SIGKILL). Safe to call twice. */
  stop(): Promise<void>;
}

export interface TestRedisOptions {
  /** Keep data on disk (appendonly) so a restart on the same dir keeps it. */
  persistDir?: string;
  port?: number;
  extraArgs?: string[];
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function redisServerBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (!path) {
    throw new Error(
      'Tests need a redis-server binary (Debian: apt-get install redis-server), or REDIS_TEST_URL pointing at a Redis the tests may write to.',
    );
  }
  return path;
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedisServer> {
  const port = options.port ?? (await freePort());
  const ownDir = options.persistDir ? undefined : mkdtempSync(join(tmpdir(), 'pt-redis-'));
  const dir = options.persistDir ?? ownDir!;
  const persistence = options.persistDir ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...persistence, ...(options.extraArgs ?? [])];
  const child: ChildProcess = spawn(redisServerBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}: ${output.slice(-500)}`)), 10000);
    const check = (): void => {
      if (output.includes('Ready to accept connections')) { clearTimeout(timer); resolve(); return; }
      if (child.exitCode !== null) { clearTimeout(timer); reject(new Error(`redis-server exited: ${output.slice(-500)}`)); return; }
      setTimeout(check, 20);
    };
    check();
  });

  let stopped: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) { resolve(); return; }
        const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
        child.once('exit', () => {
          clearTimeout(kill);
          if (ownDir) rmSync(ownDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}
