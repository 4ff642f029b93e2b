import path from 'node:path';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { Phrasebook, firstPicker } from '../../../../bot/resources/phrasebook';
import { SmsRenderingMiddleware } from '../../../../bot/channels/sms/smsRenderingMiddleware';

const phrasebook = Phrasebook.load(path.join(__dirname, '../../../../resources/locales'), firstPicker);

function adapterFor(channelId: string): { adapter: TestAdapter; sent: Partial<Activity>[] } {
  const sent: Partial<Activity>[] = [];
  const adapter = new TestAdapter(async (context) => {
    await context.sendActivities([
      { type: ActivityTypes.Event, name: 'handoff.initiate', value: { caseId: 'c1' } },
      { type: ActivityTypes.Message, text: '**Are you safe?**', suggestedActions: { to: [], actions: [
        { type: 'imBack', title: 'Yes', value: 'Yes' }, { type: 'imBack', title: 'No', value: 'No' },
      ] } },
    ]);
  }, { channelId, conversation: { id: 'conv-1' } as Activity['conversation'] } as Partial<Activity>);
  adapter.use(new SmsRenderingMiddleware(phrasebook));
  adapter.use({ onTurn: async (ctx, next) => {
    ctx.onSendActivities(async (_c, acts, n) => { sent.push(...acts); return n(); });
    await next();
  } });
  return { adapter, sent };
}

describe('SmsRenderingMiddleware', () => {
  test('when the channel is sms, then events are dropped and the reply is plain text with numbered choices', async () => {
    const { adapter, sent } = adapterFor('sms');
    await adapter.send('hi');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'message', text: 'Are you safe?\nReply 1 for Yes, 2 for No.' });
    expect(sent[0].suggestedActions).toBeUndefined();
  });

  test('when the channel is not sms, then the activities pass through unchanged', async () => {
    const { adapter, sent } = adapterFor('msteams');
    await adapter.send('hi');
    expect(sent.map((a) => a.type)).toEqual(['event', 'message']);
    expect(sent[1].text).toBe('**Are you safe?**');
  });
});
