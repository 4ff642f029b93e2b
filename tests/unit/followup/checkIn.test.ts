import { join } from 'node:path';
import { TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { CheckInSender } from '../../../bot/followup/checkInSender';
import { FollowUpPoller } from '../../../bot/followup/followUpPoller';
import { FollowUpError, FollowUpScheduler, personKeyFor } from '../../../bot/followup/followUpScheduler';
import { MemoryFollowUpStore } from '../../../bot/followup/memoryFollowUpStore';
import { CrisisContacts } from '../../../bot/resources/crisisContacts';
import { Phrasebook } from '../../../bot/resources/phrasebook';
import { ResourceDirectory } from '../../../bot/resources/resourceDirectory';

const RESOURCES = join(__dirname, '../../../resources');
const phrasebook = Phrasebook.load(join(RESOURCES, 'locales'), () => 0);
const contacts = new CrisisContacts(ResourceDirectory.load(join(RESOURCES, 'directory')), phrasebook, 'US');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function reference(channelId: string): Partial<ConversationReference> {
  return { serviceUrl: 'https://channel.test/', channelId, conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'bot', name: 'bot' }, user: { id: 'u1', name: '' } };
}

describe('FollowUpScheduler.schedule', () => {
  const scheduler = new FollowUpScheduler(new MemoryFollowUpStore(), { now: () => 1_000 }, () => 'job-1');
  test.each([
    ['no due time', { personKey: 'p', reference: reference('webchat'), locale: 'en' }, /dueAt or delayMs/],
    ['no person', { personKey: '', reference: reference('webchat'), delayMs: 5, locale: 'en' }, /personKey/],
    ['a reference without a conversation', { personKey: 'p', reference: { serviceUrl: 'https://x.test/' }, delayMs: 5, locale: 'en' }, /conversation\.id and serviceUrl/],
    ['a payload over 2 KB', { personKey: 'p', reference: reference('webchat'), delayMs: 5, locale: 'en', payload: { note: 'x'.repeat(3000) } }, /payload is over 2048 bytes/],
  ])('when the request has %s, then it is refused saying which field', async (_case, request, message) => {
    await expect(scheduler.schedule(request)).rejects.toThrow(FollowUpError);
    await expect(scheduler.schedule(request)).rejects.toThrow(message);
  });

  test('when a delay is given, then the check-in is due that long after now', async () => {
    const job = await scheduler.schedule({ personKey: 'p', reference: reference('webchat'), delayMs: 86_400_000, locale: 'es' });
    expect(job).toMatchObject({ id: 'job-1', dueAt: 86_401_000, createdAt: 1_000, locale: 'es', payload: {} });
  });
});

describe('personKeyFor', () => {
  test('when the same user is seen again, then the key is the same; another user or channel gets another key, and the id is not in it', () => {
    const sms = { ...reference('sms'), user: { id: '+447700900123', name: '' } };
    expect(personKeyFor(sms)).toBe(personKeyFor({ ...sms, conversation: { id: 'other', isGroup: false, conversationType: 'personal', name: '' } }));
    expect(personKeyFor(sms)).not.toBe(personKeyFor({ ...sms, user: { id: '+447700900124', name: '' } }));
    expect(personKeyFor(sms)).not.toBe(personKeyFor({ ...sms, channelId: 'webchat' }));
    expect(personKeyFor(sms)).not.toContain('7700900123');
  });
});

describe('CheckInSender', () => {
  const sender = new CheckInSender({ continue: async () => undefined }, phrasebook, contacts, 'US');
  const job = (locale: string, channelId: string, payload: Record<string, string> = {}) =>
    ({ id: 'j', personKey: 'p', reference: reference(channelId), dueAt: 0, locale, payload, createdAt: 0 });

  test.each([
    ['en', 'webchat', {}, 'How are you doing now?', '911'],
    ['es', 'webchat', {}, '¿Cómo estás ahora?', '911'],
    ['en', 'webchat', { region: 'GB' }, 'How are you doing now?', '999'],
    ['es-MX', 'sms', { region: 'MX' }, '¿Cómo estás ahora?', '911'],
    ['en-AU', 'webchat', { region: 'AU' }, 'How are you doing now?', '000'],
  ])('when a %s check-in goes to %s with %j, then it greets in that language and carries the emergency number', (locale, channelId, payload, greeting, emergency) => {
    const text = sender.compose(job(locale, channelId, payload));
    expect(text).toContain(greeting);
    expect(text).toContain(emergency);
    expect(text).toContain(phrasebook.text('followUp.stopHint', phrasebook.resolveLocale(locale)));
  });

  test('when the channel is SMS, then the check-in is one plain paragraph', () => {
    expect(sender.compose(job('en', 'sms'))).not.toContain('\n');
    expect(sender.compose(job('en', 'webchat'))).toContain('\n');
  });

  test('when a due check-in is polled, then it arrives in the conversation as a proactive message, once', async () => {
    const adapter = new TestAdapter();
    const delivered: Partial<Activity>[] = [];
    const proactive = new CheckInSender({
      // What a real adapter's continueConversationAsync does: a turn built from the stored reference.
      continue: async (ref, logic) => {
        const context = new TurnContext(adapter, TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, ref, true));
        context.onSendActivities(async (_ctx, activities, next) => { delivered.push(...activities); return next(); });
        await logic(context);
      },
    }, phrasebook, contacts, 'US');
    let now = 0;
    const store = new MemoryFollowUpStore();
    await new FollowUpScheduler(store, { now: () => now }).schedule({ personKey: 'p', reference: reference('webchat'), delayMs: 60_000, locale: 'es' });
    const poller = new FollowUpPoller({ store, sender: proactive, clock: { now: () => now }, logger: silent });
    expect(await poller.pollOnce()).toMatchObject({ sent: 0 });
    now = 60_000;
    expect(await poller.pollOnce()).toMatchObject({ sent: 1 });
    now = 10 * 60_000;
    expect(await poller.pollOnce()).toMatchObject({ sent: 0 });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ type: 'message', locale: 'es', conversation: { id: 'conv-1' } });
    expect(delivered[0].text).toContain('¿Cómo estás ahora?');
  });
});
