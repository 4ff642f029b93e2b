import type { ConversationReference } from 'botbuilder';

/** Small, serialisable facts a check-in needs when it is sent (which message, which case); never message text. */
export type FollowUpPayload = Readonly<Record<string, string | number | boolean>>;

/** A check-in waiting to be sent. */
export interface FollowUpJob {
  readonly id: string;
  /** Opaque key for the person (used to list and delete their check-ins); not a name, number or address. */
  readonly personKey: string;
  /** Where to send it: the conversation reference captured when it was scheduled. */
  readonly reference: Partial<ConversationReference>;
  /** When it is due (epoch ms). */
  readonly dueAt: number;
  readonly locale: string;
  readonly payload: FollowUpPayload;
  readonly createdAt: number;
}

/** A job taken by one instance, with the claim handle it must present to acknowledge it. */
export interface ClaimedFollowUp {
  readonly job: FollowUpJob;
  /** Which try this is (1 for the first send). */
  readonly attempt: number;
  readonly claim: string;
}

export interface ClaimOptions {
  readonly now: number;
  /** How long the claim holds; if the job is not acknowledged by then another instance may take it. */
  readonly leaseMs: number;
  readonly limit: number;
  /** Tries before a job is dropped as undeliverable. */
  readonly maxAttempts: number;
}

export interface ClaimResult {
  readonly claimed: readonly ClaimedFollowUp[];
  /** Jobs dropped because they failed `maxAttempts` times (ids only, for the log). */
  readonly abandoned: readonly string[];
}

/**
 * Where check-ins wait. Two implementations: Redis (shared by every instance) and memory (the no-Redis
 * mode, one instance). Claiming is atomic: a job is handed to one caller until its lease runs out.
 */
export interface FollowUpStore {
  add(job: FollowUpJob, now: number): Promise<void>;
  /** Removes one job; false if it was not there (already sent, cancelled or expired). */
  remove(jobId: string): Promise<boolean>;
  /** Removes every job of a person ("delete my data"); returns how many. */
  removeAllFor(personKey: string): Promise<number>;
  /** A person's jobs not yet acknowledged, soonest first. */
  pendingFor(personKey: string): Promise<FollowUpJob[]>;
  claimDue(options: ClaimOptions): Promise<ClaimResult>;
  /** Marks a claimed job sent; false if the claim was lost (lease ran out and another instance took it, or cancelled). */
  ack(claimed: ClaimedFollowUp): Promise<boolean>;
}
