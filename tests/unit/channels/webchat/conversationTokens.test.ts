import { randomBytes } from 'node:crypto';
import { ConversationTokens } from '../../../../bot/channels/webchat/conversationTokens';
import type { Clock } from '../../../../bot/http/rateLimiter';

class FakeClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}

const secret = randomBytes(32);

describe('ConversationTokens', () => {
  it('when a token is checked against the conversation it was issued for, then it is accepted', () => {
    const tokens = new ConversationTokens(secret, new FakeClock(1_000), 60_000);
    const issued = tokens.issue();
    expect(tokens.verify(issued.conversationId, issued.token)).toEqual({ ok: true });
  });

  it('when two conversations are issued, then their ids differ and neither token opens the other', () => {
    const tokens = new ConversationTokens(secret, new FakeClock(1_000), 60_000);
    const a = tokens.issue();
    const b = tokens.issue();
    expect(a.conversationId).not.toBe(b.conversationId);
    expect(tokens.verify(a.conversationId, b.token)).toEqual({ ok: false, reason: 'wrong-conversation' });
    expect(tokens.verify(b.conversationId, a.token)).toEqual({ ok: false, reason: 'wrong-conversation' });
  });

  it('when the token has passed its expiry, then it is refused as expired', () => {
    const clock = new FakeClock(1_000);
    const tokens = new ConversationTokens(secret, clock, 60_000);
    const issued = tokens.issue();
    clock.time = 61_000;
    expect(tokens.verify(issued.conversationId, issued.token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('when a token was signed with another server secret, then it is refused', () => {
    const clock = new FakeClock(1_000);
    const issued = new ConversationTokens(randomBytes(32), clock).issue();
    expect(new ConversationTokens(secret, clock).verify(issued.conversationId, issued.token)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['no token', () => undefined, 'malformed'],
    ['garbage', () => 'not-a-token', 'malformed'],
    ['extended expiry', (t: string) => t.replace(/\.([^.]+)\./, `.${(10 ** 12).toString(36)}.`), 'bad-signature'],
    ['flipped signature character', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A'), 'bad-signature'],
  ] as const)('when the token is tampered with (%s), then it is refused', (_label, tamper, reason) => {
    const tokens = new ConversationTokens(secret, new FakeClock(1_000));
    const issued = tokens.issue();
    expect(tokens.verify(issued.conversationId, tamper(issued.token))).toEqual({ ok: false, reason });
  });

  it('when the secret is shorter than 32 bytes, then construction fails naming the module', () => {
    expect(() => new ConversationTokens(randomBytes(8), new FakeClock(0))).toThrow(/webchat\/conversationTokens/);
  });
});
