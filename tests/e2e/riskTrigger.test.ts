import { randomUUID } from 'node:crypto';
import { inboundActivity, postJson } from '../helpers/channelServer';
import { useBotAndChannel } from '../helpers/botUnderTest';

describe('a risk message at any point of the conversation', () => {
  const fixture = useBotAndChannel();

  const texts = (conversationId: string): string[] => fixture.channel.forConversation(conversationId).map((r) => r.activity.text ?? '');
  /** Sends a message; returns the texts of the messages the bot answered with in that turn. */
  const say = async (conversationId: string, text: string, locale = 'en-US'): Promise<string[]> => {
    const before = fixture.channel.forConversation(conversationId).length;
    const { status } = await postJson(`${fixture.bot.url}/api/messages`, inboundActivity(fixture.channel.url, conversationId, { text, locale }));
    expect(status).toBe(200);
    await fixture.channel.waitFor(() => fixture.channel.forConversation(conversationId).length > before);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return fixture.channel.forConversation(conversationId).slice(before).filter((r) => r.activity.type === 'message').map((r) => r.activity.text ?? '');
  };
  const eventsOf = (conversationId: string): Array<Record<string, unknown>> =>
    fixture.channel.forConversation(conversationId).filter((r) => r.activity.type === 'event').map((r) => r.activity);

  const steps: Array<[string, string[]]> = [
    ['the very first message', []],
    ['the consent question', ['hello']],
    ['the open conversation', ['hello', 'yes']],
    ['a later listening turn', ['hello', 'yes', 'work has been a lot lately']],
  ];

  it.each(steps)('when it comes at %s, then the person gets the safety message and crisis contacts and no dialog reply', async (_step, lead) => {
    const conversationId = `conv-${randomUUID()}`;
    for (const text of lead) await say(conversationId, text);
    const replies = await say(conversationId, 'honestly i just want to kill myself tonight');
    expect(replies[0]).toMatch(/your safety/i);
    expect(replies[0]).toMatch(/bringing in a person/);
    expect(replies[0]).toContain('911');
    expect(replies[0]).toContain('988');
    expect(replies.join(' ')).not.toMatch(/keep talking with me|What's on your mind|say a bit more/);
    expect(eventsOf(conversationId).map((event) => event.name)).toEqual(['handoff.initiate']);
  });

  it('when a person writes in Spanish, then the safety message and contacts are in Spanish for their region', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const replies = await say(conversationId, 'ya no quiero vivir, me quiero morir', 'es-MX');
    expect(replies[0]).toMatch(/tu seguridad/);
    expect(replies[0]).toContain('800 911 2000');
  });

  it('when two moderate signals come in one conversation, then the second one starts the hand-off', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say(conversationId, 'hello');
    await say(conversationId, 'yes');
    const first = await say(conversationId, "honestly I can't go on like this");
    expect(first.join(' ')).not.toMatch(/your safety/i);
    const second = await say(conversationId, 'everyone would be better off without me');
    expect(second.join(' ')).toMatch(/your safety/i);
  });

  it('when a person edits a message to add risk (messageUpdate), then the hand-off starts', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say(conversationId, 'hello');
    const before = fixture.channel.forConversation(conversationId).length;
    await postJson(`${fixture.bot.url}/api/messages`, inboundActivity(fixture.channel.url, conversationId, { type: 'messageUpdate', text: 'actually I want to kill myself' }));
    await fixture.channel.waitFor(() => fixture.channel.forConversation(conversationId).length > before);
    expect(fixture.channel.forConversation(conversationId).slice(before).map((r) => r.activity.text ?? '').join(' ')).toMatch(/your safety/i);
  });

  it('when a message only uses an idiom, then the conversation goes on normally', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say(conversationId, 'hello');
    await say(conversationId, 'yes');
    const replies = await say(conversationId, 'this exam is killing me and I could kill for a coffee');
    expect(replies.join(' ')).not.toMatch(/your safety/i);
  });

  it('then the logs name levels and rules but never the words', () => {
    const lines = fixture.bot.logs.lines.join('\n');
    expect(lines).toMatch(/risk trigger/);
    expect(lines).toMatch(/en\.active\.kill_self/);
    expect(lines).not.toMatch(/kill myself|quiero morir|better off without/);
  });
});
