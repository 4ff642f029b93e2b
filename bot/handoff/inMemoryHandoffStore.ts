import { EventEmitter } from 'node:events';
import { isOpen, queueScore, type HandoffCase, type TranscriptLine } from './handoffCase';
import { VersionConflictError, type HandoffEvent, type HandoffEventType, type HandoffStore } from './handoffStore';

/** The hand-off store in one process, for the no-Redis development mode and unit tests. Same semantics as Redis. */
export class InMemoryHandoffStore implements HandoffStore {
  private readonly cases = new Map<string, { case: HandoffCase; version: number }>();
  private readonly openByConversation = new Map<string, string>();
  private readonly deadlines = new Map<string, number>();
  private readonly transcripts = new Map<string, TranscriptLine[]>();
  private readonly audits = new Map<string, HandoffEvent[]>();
  private readonly events: HandoffEvent[] = [];
  private readonly emitter = new EventEmitter();
  private sequence = 0;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  private record(type: HandoffEventType, caseId: string, actor: string, caseValue?: HandoffCase, line?: TranscriptLine): void {
    this.sequence += 1;
    const event: HandoffEvent = { id: `${Date.now()}-${this.sequence}`, type, caseId, at: new Date().toISOString(), actor, case: caseValue, line };
    this.events.push(event);
    if (this.events.length > 10000) this.events.shift();
    if (type !== 'message') this.audits.set(caseId, [...(this.audits.get(caseId) ?? []), event]);
    this.emitter.emit('event', event);
  }

  async openUnlessOpen(draft: HandoffCase, claimDeadlineMs: number): Promise<{ opened: boolean; caseId: string }> {
    const existing = this.openByConversation.get(draft.conversationKey);
    if (existing) return { opened: false, caseId: existing };
    this.cases.set(draft.id, { case: draft, version: 1 });
    this.openByConversation.set(draft.conversationKey, draft.id);
    this.deadlines.set(draft.id, claimDeadlineMs);
    this.record('queued', draft.id, 'bot', draft);
    return { opened: true, caseId: draft.id };
  }

  async get(caseId: string): Promise<{ case: HandoffCase; version: number } | undefined> {
    return this.cases.get(caseId);
  }

  async replace(next: HandoffCase, version: number, event: { type: HandoffEventType; actor: string }): Promise<void> {
    const current = this.cases.get(next.id);
    if (!current || current.version !== version) throw new VersionConflictError(next.id);
    this.cases.set(next.id, { case: next, version: version + 1 });
    if (!isOpen(next.status)) {
      if (this.openByConversation.get(next.conversationKey) === next.id) this.openByConversation.delete(next.conversationKey);
      this.deadlines.delete(next.id);
    } else if (next.status !== 'queued') {
      this.deadlines.delete(next.id);
    }
    this.record(event.type, next.id, event.actor, next);
  }

  async listOpen(): Promise<HandoffCase[]> {
    return [...this.cases.values()]
      .map((entry) => entry.case)
      .filter((item) => isOpen(item.status))
      .sort((a, b) => queueScore(a.level, Date.parse(a.createdAt)) - queueScore(b.level, Date.parse(b.createdAt)));
  }

  async history(conversationKey: string): Promise<HandoffCase[]> {
    return [...this.cases.values()].map((entry) => entry.case).filter((item) => item.conversationKey === conversationKey).slice(-20);
  }

  async appendTranscript(caseId: string, line: TranscriptLine): Promise<void> {
    this.transcripts.set(caseId, [...(this.transcripts.get(caseId) ?? []), line].slice(-1000));
    this.record('message', caseId, line.from, undefined, line);
  }

  async transcript(caseId: string): Promise<TranscriptLine[]> {
    return this.transcripts.get(caseId) ?? [];
  }

  async audit(caseId: string): Promise<HandoffEvent[]> {
    return this.audits.get(caseId) ?? [];
  }

  async takeDueDeadlines(nowMs: number): Promise<string[]> {
    const due = [...this.deadlines.entries()].filter(([, at]) => at <= nowMs).map(([id]) => id).slice(0, 20);
    for (const id of due) this.deadlines.delete(id);
    return due;
  }

  async eventsSince(lastId: string | undefined, limit: number): Promise<HandoffEvent[]> {
    const start = lastId ? this.events.findIndex((event) => event.id === lastId) + 1 : 0;
    return this.events.slice(start, start + limit);
  }

  async subscribe(handler: (event: HandoffEvent) => void): Promise<() => Promise<void>> {
    this.emitter.on('event', handler);
    return async () => {
      this.emitter.off('event', handler);
    };
  }

  async deleteConversation(conversationKey: string): Promise<number> {
    const ids = [...this.cases.values()].filter((entry) => entry.case.conversationKey === conversationKey).map((entry) => entry.case.id);
    for (const id of ids) {
      this.cases.delete(id);
      this.transcripts.delete(id);
      this.audits.delete(id);
      this.deadlines.delete(id);
    }
    this.openByConversation.delete(conversationKey);
    return ids.length;
  }
}
