import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../http/rateLimiter';

/** A web chat conversation as handed to one browser: the id and the token that proves it owns it. */
export interface IssuedConversation {
  conversationId: string;
  token: string;
  expiresAt: number;
}

/** Why a token was refused; never shown to the visitor, only logged. */
export type TokenRejection = 'malformed' | 'wrong-conversation' | 'bad-signature' | 'expired';

export type TokenCheck = { ok: true } | { ok: false; reason: TokenRejection };

/**
 * Issues and checks web chat conversation tokens: an HMAC-SHA256 over the conversation id and expiry with a
 * server secret, so any instance sharing the secret can check a token without a Redis round trip, and a visitor
 * who learns another conversation's id still cannot read or post into it.
 */
export class ConversationTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
    private readonly ttlMs: number = 24 * 60 * 60 * 1000,
  ) {
    // A short secret would make tokens guessable offline.
    if (secret.length < 32) throw new Error('webchat/conversationTokens: secret must be at least 32 bytes');
  }

  /** Creates a new conversation with a random, unguessable id and its token. */
  issue(): IssuedConversation {
    const conversationId = `wc-${randomBytes(16).toString('base64url')}`;
    const expiresAt = this.clock.now() + this.ttlMs;
    return { conversationId, expiresAt, token: this.sign(conversationId, expiresAt) };
  }

  /** Checks that `token` was issued by this server for exactly `conversationId` and has not expired. */
  verify(conversationId: string, token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'malformed' };
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [id, expiry, mac] = parts;
    const expiresAt = Number.parseInt(expiry, 36);
    if (!Number.isFinite(expiresAt)) return { ok: false, reason: 'malformed' };
    if (id !== Buffer.from(conversationId).toString('base64url')) return { ok: false, reason: 'wrong-conversation' };
    const expected = Buffer.from(this.mac(conversationId, expiresAt));
    const given = Buffer.from(mac);
    // Constant-time compare so the signature cannot be probed byte by byte.
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
    if (expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true };
  }

  private sign(conversationId: string, expiresAt: number): string {
    return `${Buffer.from(conversationId).toString('base64url')}.${expiresAt.toString(36)}.${this.mac(conversationId, expiresAt)}`;
  }

  private mac(conversationId: string, expiresAt: number): string {
    return createHmac('sha256', this.secret).update(`webchat\n${conversationId}\n${expiresAt}`).digest('base64url');
  }
}
