import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';

export interface RedisConnectionOptions {
  /** One `redis://` URL, or comma-separated seed URLs when `cluster` is true. */
  readonly url: string;
  readonly cluster: boolean;
}

/** Shows a Redis URL without its password, for logs. */
export function redactRedisUrl(url: string): string {
  return url.replace(/(rediss?:\/\/)([^@/]*@)/g, (_match, scheme: string) => `${scheme}***@`);
}

// Reconnect forever with a capped backoff: the bot must come back by itself whenever Redis does.
const retryStrategy = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 6), 2000);

const COMMON: RedisOptions = {
  retryStrategy,
  // While Redis is away a command fails at once instead of waiting for a reconnect: a person's turn must not
  // hang for seconds per command. The turn's error path still answers them with crisis contacts.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  enableAutoPipelining: true,
  connectTimeout: 2000,
};

/**
 * Connects to Redis (single node or cluster), logging connection changes loudly and without secrets.
 * ioredis keeps reconnecting in the background; `isReady()` tells whether commands can run now.
 */
export class RedisConnection {
  readonly client: Redis | Cluster;
  private closed = false;

  constructor(options: RedisConnectionOptions, private readonly logger: Logger) {
    const where = redactRedisUrl(options.url);
    if (options.cluster) {
      const seeds = options.url.split(',').map((seed) => {
        const parsed = new URL(seed.trim());
        return { host: parsed.hostname, port: Number(parsed.port || 6379) };
      });
      const first = new URL(options.url.split(',')[0]!.trim());
      this.client = new Cluster(seeds, {
        clusterRetryStrategy: retryStrategy,
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        redisOptions: { ...COMMON, password: decodeURIComponent(first.password) || undefined, username: decodeURIComponent(first.username) || undefined, tls: first.protocol === 'rediss:' ? {} : undefined },
      });
    } else {
      this.client = new Redis(options.url, COMMON);
    }
    this.client.on('ready', () => logger.info('redis connected', { redis: where }));
    this.client.on('end', () => { if (!this.closed) logger.error('redis connection ended', { redis: where }); });
    let lastErrorLog = 0;
    this.client.on('error', (error: Error) => {
      // Reconnect attempts fail many times a second while Redis is down; log at most every 5 s.
      if (Date.now() - lastErrorLog < 5000) return;
      lastErrorLog = Date.now();
      logger.error('redis unavailable, retrying', { redis: where, errorClass: error.name, code: (error as { code?: string }).code });
    });
  }

  /** Resolves once connected, or after `timeoutMs` (then the bot starts anyway and reports not ready). */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.isReady()) return true;
    return new Promise<boolean>((resolve) => {
      const done = (ready: boolean): void => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ready);
      };
      const onReady = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      this.client.once('ready', onReady);
    });
  }

  isReady(): boolean {
    return this.client.status === 'ready';
  }

  /** True when Redis answers a PING within `timeoutMs`. */
  async ping(timeoutMs = 500): Promise<boolean> {
    if (!this.isReady()) return false;
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const answer = this.client.ping().then((reply) => reply === 'PONG', () => false);
    return Promise.race([answer, timeout]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
