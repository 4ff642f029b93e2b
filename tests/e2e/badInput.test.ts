import { randomUUID } from 'node:crypto';
import { inboundActivity, postJson } from '../helpers/channelServer';
import { useBotAndChannel } from '../helpers/botUnderTest';

describe('bad input to /api/messages', () => {
  const fixture = useBotAndChannel();

  const post = (body: string, contentType = 'application/json'): Promise<Response> =>
    fetch(`${fixture.bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

  const cases: Array<[string, () => Promise<Response>, number, RegExp]> = [
    ['malformed JSON', () => post('{"type": "message", '), 400, /not valid JSON/],
    ['an empty body', () => post(''), 400, /empty/],
    ['a wrong content type', () => post('type=message', 'application/x-www-form-urlencoded'), 415, /application\/json/],
    ['a JSON array', () => post('[]'), 400, /JSON object/],
    ['a missing type', () => post(JSON.stringify({ serviceUrl: 'http://x', conversation: { id: 'c' } })), 400, /type/],
    ['a missing serviceUrl', () => post(JSON.stringify({ type: 'message', conversation: { id: 'c' }, from: { id: 'u' } })), 400, /serviceUrl/],
    ['a missing conversation', () => post(JSON.stringify({ type: 'message', serviceUrl: 'http://x', from: { id: 'u' } })), 400, /conversation/],
    ['text of the wrong type', () => post(JSON.stringify({ type: 'message', serviceUrl: 'http://x', conversation: { id: 'c' }, from: { id: 'u' }, text: 42 })), 400, /text/],
    ['a 1 MB body', () => post(JSON.stringify({ type: 'message', text: 'a'.repeat(1024 * 1024) })), 413, /larger/],
  ];

  it.each(cases)('when it receives %s, then it answers a clear 4xx', async (_label, send, status, message) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(JSON.stringify(await response.json())).toMatch(message);
  });

  it('when an unknown activity type arrives, then it is accepted and ignored', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { status } = await postJson(`${fixture.bot.url}/api/messages`, inboundActivity(fixture.channel.url, conversationId, { type: 'somethingNew' }));
    expect(status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixture.channel.forConversation(conversationId)).toHaveLength(0);
  });

  it('when a message has no words, then the person is asked gently to write again', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await postJson(`${fixture.bot.url}/api/messages`, inboundActivity(fixture.channel.url, conversationId, { text: '   ' }));
    await fixture.channel.waitFor(() => fixture.channel.forConversation(conversationId).length >= 1);
    expect(fixture.channel.forConversation(conversationId)[0]!.activity.text).toMatch(/didn't get any words/);
  });

  it('after all of that, then the server still serves a normal conversation', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const { status } = await postJson(`${fixture.bot.url}/api/messages`, inboundActivity(fixture.channel.url, conversationId, { text: 'hi 👋🏽 مرحبا' }));
    expect(status).toBe(200);
    await fixture.channel.waitFor(() => fixture.channel.forConversation(conversationId).length >= 2);
  });
});
