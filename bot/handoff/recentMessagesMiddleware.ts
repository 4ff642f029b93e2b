import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TranscriptLine } from './handoffCase';
import { TURN_RECEIVED_AT } from './handoffService';

const KEEP = 6;
const MAX_CHARS = 500;

/**
 * Keeps the person's last few messages in conversation state (which expires with it), so a coordinator
 * picking up a hand-off sees the short context before it. Also stamps when the message arrived.
 */
export class RecentMessagesMiddleware implements Middleware {
  constructor(private readonly recent: StatePropertyAccessor<TranscriptLine[]>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.turnState.set(TURN_RECEIVED_AT, Date.now());
    const text = context.activity.type === 'message' ? context.activity.text?.trim() : undefined;
    if (text) {
      try {
        const lines = await this.recent.get(context, []);
        await this.recent.set(context, [...lines, { from: 'person' as const, text: text.slice(0, MAX_CHARS), at: new Date().toISOString() }].slice(-KEEP));
      } catch {
        // State unavailable (Redis down): the context is a nicety, the turn goes on.
      }
    }
    return next();
  }
}
