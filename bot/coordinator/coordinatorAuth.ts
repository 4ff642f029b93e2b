import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from '../state/keys';
import { verifyPassword } from './passwordHash';

/** A signed-in coordinator. `id` is stable (audit trail); `displayName` is what the person sees. */
export interface Coordinator {
  readonly id: string;
  readonly displayName: string;
}

/** Thrown at start-up for a malformed COORDINATOR_ACCOUNTS entry; names the entry. */
export class CoordinatorConfigError extends Error {
  constructor(message: string) {
    super(`Coordinator accounts: ${message}`);
    this.name = 'CoordinatorConfigError';
  }
}

/**
 * Who may sign in: named accounts with scrypt password hashes (`name:scrypt$salt$hash`, comma-separated)
 * and/or one shared team secret (any display name). With neither configured nobody can sign in.
 */
export class CoordinatorDirectory {
  private readonly accounts = new Map<string, string>();

  constructor(accounts: string | undefined, private readonly sharedSecret: string | undefined) {
    for (const entry of (accounts ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
      const colon = entry.indexOf(':');
      const name = entry.slice(0, colon);
      const hash = entry.slice(colon + 1);
      if (colon < 1 || !/^[A-Za-z0-9_.-]{2,40}$/.test(name) || !/^scrypt\$[\w-]+\$[\w-]+$/.test(hash)) {
        throw new CoordinatorConfigError(`entry ${JSON.stringify(entry.slice(0, 20))}… must be name:scrypt$salt$hash (see npm run hash-password)`);
      }
      this.accounts.set(name, hash);
    }
  }

  get configured(): boolean {
    return this.accounts.size > 0 || !!this.sharedSecret;
  }

  async authenticate(name: string, password: string): Promise<Coordinator | undefined> {
    const hash = this.accounts.get(name);
    if (hash) return (await verifyPassword(password, hash)) ? { id: name, displayName: name } : undefined;
    if (this.sharedSecret && /^[\p{L}\p{N} _.-]{2,40}$/u.test(name) && sameSecret(password, this.sharedSecret)) {
      return { id: `team:${name}`, displayName: name };
    }
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Server-side sessions, so any instance accepts a session and signing out ends it everywhere. */
export interface SessionStore {
  create(coordinator: Coordinator): Promise<string>;
  find(token: string): Promise<Coordinator | undefined>;
  destroy(token: string): Promise<void>;
}

/** Tokens are random; only their hash is stored, so a read of the store cannot be replayed as a login. */
function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis | Cluster, private readonly keys: RedisKeys, private readonly ttlSeconds: number) {}

  async create(coordinator: Coordinator): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.redis.set(this.keys.coordinatorSession(tokenHash(token)), JSON.stringify(coordinator), 'EX', this.ttlSeconds);
    return token;
  }

  async find(token: string): Promise<Coordinator | undefined> {
    const json = await this.redis.get(this.keys.coordinatorSession(tokenHash(token)));
    return json ? (JSON.parse(json) as Coordinator) : undefined;
  }

  async destroy(token: string): Promise<void> {
    await this.redis.del(this.keys.coordinatorSession(tokenHash(token)));
  }
}

export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, { coordinator: Coordinator; expires: number }>();

  constructor(private readonly ttlSeconds: number) {}

  async create(coordinator: Coordinator): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(tokenHash(token), { coordinator, expires: Date.now() + this.ttlSeconds * 1000 });
    return token;
  }

  async find(token: string): Promise<Coordinator | undefined> {
    const session = this.sessions.get(tokenHash(token));
    if (!session || session.expires < Date.now()) return undefined;
    return session.coordinator;
  }

  async destroy(token: string): Promise<void> {
    this.sessions.delete(tokenHash(token));
  }
}

/** Coordinators seen on the live feed in the last 45 s count as online (any instance). */
export class CoordinatorPresenceTracker {
  private readonly local = new Map<string, number>();

  constructor(private readonly redis: Redis | Cluster | undefined, private readonly keys: RedisKeys) {}

  async seen(coordinatorId: string): Promise<void> {
    const now = Date.now();
    if (!this.redis) {
      this.local.set(coordinatorId, now);
      return;
    }
    const key = this.keys.coordinatorPresence();
    await this.redis.multi().zadd(key, now, coordinatorId).zremrangebyscore(key, '-inf', now - 3600_000).expire(key, 3600).exec();
  }

  async gone(coordinatorId: string): Promise<void> {
    if (!this.redis) this.local.delete(coordinatorId);
    else await this.redis.zrem(this.keys.coordinatorPresence(), coordinatorId);
  }

  async onlineCount(): Promise<number> {
    const since = Date.now() - 45_000;
    if (!this.redis) return [...this.local.values()].filter((at) => at >= since).length;
    return this.redis.zcount(this.keys.coordinatorPresence(), since, '+inf');
  }
}
