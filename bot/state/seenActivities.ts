import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './keys';

/**
 * Remembers which activities were already handled, across instances: channels retry a message they think
 * was lost, and people double-click, and the same activity id handled twice would answer twice.
 */
export interface SeenActivities {
  /** True the first time an id is seen (within the window); false for a repeat. */
  firstTime(key: string): Promise<boolean>;
}

export class RedisSeenActivities implements SeenActivities {
  constructor(private readonly redis: Redis | Cluster, private readonly keys: RedisKeys, private readonly windowSeconds = 600) {}

  async firstTime(key: string): Promise<boolean> {
    return (await this.redis.set(this.keys.seenActivity(key), '1', 'EX', this.windowSeconds, 'NX')) === 'OK';
  }
}

export class InMemorySeenActivities implements SeenActivities {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowSeconds = 600) {}

  async firstTime(key: string): Promise<boolean> {
    const now = Date.now();
    if (this.seen.size > 50000) for (const [id, at] of this.seen) if (now - at > this.windowSeconds * 1000) this.seen.delete(id);
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowSeconds * 1000) return false;
    this.seen.set(key, now);
    return true;
  }
}
