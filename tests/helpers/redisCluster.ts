import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisServerBinary } from './redisServer';

/** A three-master Redis Cluster on loopback ports, for tests. */
export interface TestRedisCluster {
  /** Comma-separated seed URLs, as REDIS_URL takes them with REDIS_CLUSTER=true. */
  readonly url: string;
  readonly nodes: ReadonlyArray<{ host: string; port: number }>;
  stop(): Promise<void>;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`redis cluster: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts three `redis-server --cluster-enabled yes` processes and joins them with `redis-cli --cluster create`. */
export async function startTestRedisCluster(): Promise<TestRedisCluster> {
  const binary = redisServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pt-cluster-'));
  const ports = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  ports.forEach((port, index) => {
    const child = spawn(binary, [
      '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
      '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--dir', dir, '--save', '', '--appendonly', 'no',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    outputs[index] = '';
    child.stdout?.on('data', (chunk: Buffer) => { outputs[index] += chunk.toString(); });
    children.push(child);
  });
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => outputs.every((out) => out.includes('Ready to accept connections')), 'nodes to start');
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await waitFor(() => ports.every((port) => spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout.includes('cluster_state:ok')), 'cluster_state:ok');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: ports.map((port) => `redis://127.0.0.1:${port}`).join(','),
    nodes: ports.map((port) => ({ host: '127.0.0.1', port })),
    stop,
  };
}
