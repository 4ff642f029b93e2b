import { createHash, randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Clock } from '../http/rateLimiter';
import type { FollowUpJob, FollowUpPayload, FollowUpStore } from './followUpStore';

/** What a dialog asks for when it offers a check-in. */
export interface FollowUpRequest {
  readonly personKey: string;
  readonly reference: Partial<ConversationReference>;
  /** Either an absolute due time (epoch ms) or a delay from now. */
  readonly dueAt?: number;
  readonly delayMs?: number;
  readonly locale: string;
  readonly payload?: FollowUpPayload;
}

/** Refused requests; says which field was wrong. */
export class FollowUpError extends Error {
  constructor(message: string) {
    super(`FollowUpScheduler: ${message}`);
    this.name = 'FollowUpError';
  }
}

const MAX_PAYLOAD_BYTES = 2048;

/**
 * The person key for a conversation reference: a hash of channel and user id, so Redis key names never
 * carry a phone number or channel user id. The same person on the same channel always gets the same key.
 */
export function personKeyFor(reference: Partial<ConversationReference>): string {
  return createHash('sha256').update(`${reference.channelId ?? ''}:${reference.user?.id ?? reference.conversation?.id ?? ''}`).digest('hex').slice(0, 32);
}
const MAX_REFERENCE_BYTES = 8192;

/**
 * Schedules, lists and cancels check-ins. Sending is the `FollowUpPoller`'s job, on whichever instance
 * claims the check-in first.
 */
export class FollowUpScheduler {
  constructor(
    private readonly store: FollowUpStore,
    private readonly clock: Clock,
    private readonly newId: () => string = randomUUID,
  ) {}

  async schedule(request: FollowUpRequest): Promise<FollowUpJob> {
    const now = this.clock.now();
    const dueAt = request.dueAt ?? (request.delayMs !== undefined ? now + request.delayMs : undefined);
    if (dueAt === undefined || !Number.isFinite(dueAt)) throw new FollowUpError('schedule: give dueAt or delayMs as a number');
    if (!request.personKey) throw new FollowUpError('schedule: personKey is required');
    if (!request.reference.conversation?.id || !request.reference.serviceUrl) {
      throw new FollowUpError('schedule: reference needs conversation.id and serviceUrl to be sent later');
    }
    const payload = request.payload ?? {};
    if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) throw new FollowUpError(`schedule: payload is over ${MAX_PAYLOAD_BYTES} bytes`);
    // A round trip through JSON keeps only what survives storage, so memory and Redis behave alike.
    const reference = JSON.parse(JSON.stringify(request.reference)) as Partial<ConversationReference>;
    if (Buffer.byteLength(JSON.stringify(reference)) > MAX_REFERENCE_BYTES) throw new FollowUpError('schedule: reference is too large');
    const job: FollowUpJob = { id: this.newId(), personKey: request.personKey, reference, dueAt, locale: request.locale, payload, createdAt: now };
    await this.store.add(job, now);
    return job;
  }

  /** Cancels one check-in; false if it was already sent or gone. */
  cancel(jobId: string): Promise<boolean> {
    return this.store.remove(jobId);
  }

  /** Cancels every check-in of a person (for "delete my data" and opting out). */
  cancelAllFor(personKey: string): Promise<number> {
    return this.store.removeAllFor(personKey);
  }

  pendingFor(personKey: string): Promise<FollowUpJob[]> {
    return this.store.pendingFor(personKey);
  }
}
