import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { join } from 'node:path';
import { InMemoryHandoffStore } from '../../../bot/handoff/inMemoryHandoffStore';
import { HandoffService, type HandoffMarker } from '../../../bot/handoff/handoffService';
import type { TranscriptLine } from '../../../bot/handoff/handoffCase';
import { firstPicker, Phrasebook } from '../../../bot/resources/phrasebook';

const phrasebook = Phrasebook.load(join(__dirname, '..', '..', '..', 'resources', 'locales'), firstPicker);
const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

function build(now: () => Date, store = new InMemoryHandoffStore()): { service: HandoffService; store: InMemoryHandoffStore; adapter: TestAdapter } {
  const conversationState = new ConversationState(new MemoryStorage());
  const sent: string[] = [];
  const service = new HandoffService({
    store,
    phrasebook,
    contactsFor: () => 'CONTACTS',
    regionOf: () => 'US',
    messenger: { continue: async () => { sent.push('proactive'); } },
    presence: { onlineCount: async () => 1 },
    marker: conversationState.createProperty<HandoffMarker | undefined>('handoff'),
    recentMessages: conversationState.createProperty<TranscriptLine[]>('recent'),
    logger: quiet,
    claimTimeoutSeconds: 60,
    expireAfterHours: 24,
    now,
  });
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await service.start(context, { reason: 'risk', level: 'high' });
    await conversationState.saveChanges(context);
  });
  return { service, store, adapter };
}

describe('HandoffService', () => {
  it('when a trigger turn runs, then the safety message with contacts comes first, then the handoff.initiate event', async () => {
    const { adapter } = build(() => new Date());
    await adapter.send('help').assertReply((activity) => {
      expect(activity.text).toMatch(/bringing in a person/);
      expect(activity.text).toContain('CONTACTS');
    }).assertReply((activity) => {
      expect(activity.type).toBe('event');
      expect(activity.name).toBe('handoff.initiate');
      expect((activity.value as { caseId: string }).caseId).toBeDefined();
    });
  });

  it('when an open case goes untouched past the limit, then it is marked expired and leaves the queue', async () => {
    let time = new Date('2026-11-23T00:00:00Z');
    const { service, store, adapter } = build(() => time);
    await adapter.send('help');
    expect(await store.listOpen()).toHaveLength(1);
    time = new Date('2026-11-23T23:00:00Z');
    expect(await service.sweepExpired()).toBe(0);
    time = new Date('2026-11-24T01:00:00Z');
    expect(await service.sweepExpired()).toBe(1);
    expect(await store.listOpen()).toHaveLength(0);
    const events = await store.eventsSince(undefined, 10);
    expect(events.map((event) => event.type)).toEqual(['queued', 'expired']);
  });
});
