import type { Middleware, TurnContext } from 'botbuilder';
import { logId, type Logger } from '../logger';
import type { TurnLock } from './turnLock';

/**
 * Runs the turns of one conversation one at a time (state is loaded and saved inside the lock).
 * If the lock cannot be had in time (or Redis is away), the turn runs anyway: a person's message is never
 * dropped, and a possible lost update is the lesser harm. The failure is logged.
 */
export class TurnSerializationMiddleware implements Middleware {
  constructor(private readonly lock: TurnLock, private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity?.conversation?.id;
    if (!conversationId) return next();
    const key = `${context.activity.channelId ?? ''}:${conversationId}`;
    let release;
    try {
      release = await this.lock.acquire(key);
      if (!release) this.logger.warn('turn lock not acquired in time; running the turn anyway', { conversation: logId(conversationId) });
    } catch (error) {
      this.logger.error('turn lock unavailable; running the turn anyway', {
        conversation: logId(conversationId),
        errorClass: error instanceof Error ? error.name : typeof error,
      });
    }
    try {
      await next();
    } finally {
      // State is already saved (inside the lock); the reply need not wait for the release round trip.
      void release?.().catch((error: unknown) => {
        this.logger.warn('turn lock release failed (it expires by itself)', { errorClass: error instanceof Error ? error.name : typeof error });
      });
    }
  }
}
