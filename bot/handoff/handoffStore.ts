import type { CaseNote, HandoffCase, TranscriptLine } from './handoffCase';

/** One change of a case, as the console sees it live and the audit trail keeps it. */
export interface HandoffEvent {
  /** Stream id ("1700000000000-0"), usable as an SSE Last-Event-ID. */
  readonly id: string;
  readonly type: 'queued' | 'raised' | 'claimed' | 'active' | 'transferred' | 'escalated' | 'closed' | 'expired' | 'note' | 'message';
  readonly caseId: string;
  readonly at: string;
  readonly actor: string;
  /** The case after the change (absent for transcript messages). */
  readonly case?: HandoffCase;
  /** For 'message': the line added to the transcript. */
  readonly line?: TranscriptLine;
}

export type HandoffEventType = HandoffEvent['type'];

/** Thrown when a case changed between read and write; the caller re-reads and tries again. */
export class VersionConflictError extends Error {
  constructor(caseId: string) {
    super(`HandoffStore: case ${caseId} changed concurrently`);
    this.name = 'VersionConflictError';
  }
}

/**
 * Where hand-off cases live. Every write that depends on a read is atomic (a Lua script on Redis), and
 * every change appends to the case's audit trail and to the event stream the console replays.
 */
export interface HandoffStore {
  /** Opens a case for the conversation, unless one is open: then returns that one (the caller raises it). */
  openUnlessOpen(draft: HandoffCase, claimDeadlineMs: number): Promise<{ opened: boolean; caseId: string }>;
  get(caseId: string): Promise<{ case: HandoffCase; version: number } | undefined>;
  /** Writes `next` if the stored version is still `version`; records the event. */
  replace(next: HandoffCase, version: number, event: { type: HandoffEventType; actor: string }): Promise<void>;
  listOpen(): Promise<HandoffCase[]>;
  /** Every case the conversation has had (oldest first, at most 20), for the notes of earlier contacts. */
  history(conversationKey: string): Promise<HandoffCase[]>;
  appendTranscript(caseId: string, line: TranscriptLine): Promise<void>;
  transcript(caseId: string): Promise<TranscriptLine[]>;
  audit(caseId: string): Promise<HandoffEvent[]>;
  /** Takes (atomically, so one instance each) the cases whose claim deadline passed. */
  takeDueDeadlines(nowMs: number): Promise<string[]>;
  /** Events after `lastId` (all kept ones when undefined), oldest first. */
  eventsSince(lastId: string | undefined, limit: number): Promise<HandoffEvent[]>;
  /** Live events from every instance. */
  subscribe(handler: (event: HandoffEvent) => void): Promise<() => Promise<void>>;
  /** Deletes everything kept for one conversation's cases ("delete my data"). */
  deleteConversation(conversationKey: string): Promise<number>;
}

export type { CaseNote };
