import type { HandoffCase } from '../../../bot/handoff/handoffCase';
import type { HandoffStore } from '../../../bot/handoff/handoffStore';
import { VersionConflictError } from '../../../bot/handoff/handoffStore';

export function draftCase(id: string, conversationKey: string, level: HandoffCase['level'] = 'high', createdAt = new Date().toISOString()): HandoffCase {
  return {
    id, conversationKey, reference: { conversation: { id: conversationKey } }, channelId: 'emulator', locale: 'en', region: 'US', reason: 'risk', level,
    categories: ['ideation_active'], evidence: [], context: [], status: 'queued', createdAt, updatedAt: createdAt, triggerReceivedAt: Date.now(), escalated: false, notes: [],
  };
}

/** Behaviour every hand-off store shares; registers tests against `create`. */
export function handoffStoreContract(name: string, create: () => Promise<{ store: HandoffStore; close(): Promise<void> }>): void {
  describe(`${name} keeps hand-off cases`, () => {
    let store: HandoffStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await create()));
    afterEach(async () => close());

    it('when a conversation triggers twice at once, then only one case is opened', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.openUnlessOpen(draftCase(`case-${i}`, 'web:same'), Date.now() + 60000)));
      expect(results.filter((result) => result.opened)).toHaveLength(1);
      expect(new Set(results.map((result) => result.caseId)).size).toBe(1);
      expect(await store.listOpen()).toHaveLength(1);
    });

    it('when two writers replace the same version, then exactly one wins', async () => {
      await store.openUnlessOpen(draftCase('c1', 'web:1'), Date.now() + 60000);
      const { case: current, version } = (await store.get('c1'))!;
      const attempts = await Promise.allSettled([
        store.replace({ ...current, status: 'claimed', coordinator: 'sam' }, version, { type: 'claimed', actor: 'sam' }),
        store.replace({ ...current, status: 'claimed', coordinator: 'alex' }, version, { type: 'claimed', actor: 'alex' }),
      ]);
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
      expect(attempts.find((attempt) => attempt.status === 'rejected')!.status === 'rejected' && (attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflictError);
    });

    it('when cases of different levels wait, then the queue lists the most urgent first, then the oldest', async () => {
      const t = Date.now();
      await store.openUnlessOpen(draftCase('old-high', 'web:a', 'high', new Date(t - 5000).toISOString()), t + 60000);
      await store.openUnlessOpen(draftCase('new-imminent', 'web:b', 'imminent', new Date(t).toISOString()), t + 60000);
      await store.openUnlessOpen(draftCase('new-high', 'web:c', 'high', new Date(t).toISOString()), t + 60000);
      expect((await store.listOpen()).map((item) => item.id)).toEqual(['new-imminent', 'old-high', 'new-high']);
    });

    it('when a case closes, then it leaves the queue and the conversation can open a new one', async () => {
      await store.openUnlessOpen(draftCase('c1', 'web:1'), Date.now() + 60000);
      const { case: current, version } = (await store.get('c1'))!;
      await store.replace({ ...current, status: 'closed', outcome: 'resolved' }, version, { type: 'closed', actor: 'sam' });
      expect(await store.listOpen()).toEqual([]);
      expect((await store.openUnlessOpen(draftCase('c2', 'web:1'), Date.now() + 60000)).opened).toBe(true);
    });

    it('when changes happen, then the audit trail and the event stream record each, in order', async () => {
      await store.openUnlessOpen(draftCase('c1', 'web:1'), Date.now() + 60000);
      const { case: current, version } = (await store.get('c1'))!;
      await store.replace({ ...current, status: 'claimed' }, version, { type: 'claimed', actor: 'sam' });
      await store.appendTranscript('c1', { from: 'person', text: 'hello', at: new Date().toISOString() });
      expect((await store.audit('c1')).map((event) => event.type)).toEqual(['queued', 'claimed']);
      const events = await store.eventsSince(undefined, 100);
      expect(events.map((event) => event.type)).toEqual(['queued', 'claimed', 'message']);
      expect((await store.eventsSince(events[0]!.id, 100)).map((event) => event.type)).toEqual(['claimed', 'message']);
      expect(await store.transcript('c1')).toEqual([expect.objectContaining({ from: 'person', text: 'hello' })]);
    });

    it('when claim deadlines pass, then each due case is taken exactly once across takers', async () => {
      for (let i = 0; i < 10; i += 1) await store.openUnlessOpen(draftCase(`d${i}`, `web:d${i}`), Date.now() - 1);
      const taken = (await Promise.all([store.takeDueDeadlines(Date.now()), store.takeDueDeadlines(Date.now()), store.takeDueDeadlines(Date.now())])).flat();
      expect(taken.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `d${i}`).sort());
    });

    it('when a person asks to delete their data, then their cases are gone', async () => {
      await store.openUnlessOpen(draftCase('c1', 'web:gone'), Date.now() + 60000);
      await store.appendTranscript('c1', { from: 'person', text: 'private', at: new Date().toISOString() });
      expect(await store.deleteConversation('web:gone')).toBe(1);
      expect(await store.get('c1')).toBeUndefined();
      expect(await store.transcript('c1')).toEqual([]);
    });
  });
}
