import type { Middleware, TurnContext } from 'botbuilder';
import type { Cluster, Redis } from 'ioredis';
import { logId, type Logger } from '../logger';
import type { RedisKeys } from './keys';

/** Remembers which activities were already handled, across instances. */
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

/**
 * Channels retry a message they think was lost, and people double-click: the same activity id handled twice
 * would answer twice. A repeat is acknowledged and dropped. If the check itself fails (Redis down) the
 * message is handled: a duplicate reply is better than a lost message.
 */
export class DuplicateActivityMiddleware implements Middleware {
  constructor(private readonly seen: SeenActivities, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, channelId, conversation } = context.activity;
    if (!id || type !== 'message') return next();
    let first = true;
    try {
      first = await this.seen.firstTime(`${channelId ?? ''}:${conversation?.id ?? ''}:${id}`);
    } catch (error) {
      this.logger.warn('duplicate check unavailable; handling the message', { errorClass: error instanceof Error ? error.name : typeof error });
    }
    if (!first) {
      this.logger.info('repeated activity ignored', { conversation: logId(conversation?.id) });
      return;
    }
    return next();
  }
}
