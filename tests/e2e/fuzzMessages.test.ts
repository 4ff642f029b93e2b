import { randomUUID } from 'node:crypto';
import { ChannelServer, inboundActivity } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1e308, true, [], {}, '', ' ', 'x'.repeat(5000), ['a'], { id: 1 }, '\u0000', '💥'];
const FIELDS = ['type', 'id', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'text', 'locale', 'attachments', 'entities', 'membersAdded', 'value', 'channelData', 'replyToId', 'timestamp'];

describe('/api/messages under fuzzed input', () => {
  let channel: ChannelServer;
  let bot: BotUnderTest;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    bot = await startBot({ LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  const post = async (body: string): Promise<number> => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await response.arrayBuffer();
    return response.status;
  };
  const clear = (status: number): boolean => [200, 201, 400, 413, 415, 429].includes(status);

  it('when a valid activity is truncated at every length, then every answer is a clear 4xx', async () => {
    const valid = JSON.stringify(inboundActivity(channel.url, `conv-${randomUUID()}`, { text: 'héllo 👋 مرحبا' }));
    const statuses = new Set<number>();
    for (let cut = 0; cut < valid.length; cut += 7) statuses.add(await post(valid.slice(0, cut)));
    expect([...statuses].every((status) => status === 400)).toBe(true);
  });

  it('when every field in turn holds a value of the wrong type, then no answer is a server error', async () => {
    const unclear: string[] = [];
    for (const field of FIELDS) {
      for (const value of WRONG_VALUES) {
        const activity = { ...inboundActivity(channel.url, `conv-${randomUUID()}`, { text: 'hi' }), [field]: value };
        const status = await post(JSON.stringify(activity));
        if (!clear(status)) unclear.push(`${field}=${JSON.stringify(value).slice(0, 20)} → ${status}`);
      }
    }
    expect(unclear).toEqual([]);
  });

  it('when bodies are deeply nested, full of control characters, or random bytes, then no answer is a server error', async () => {
    const random = seeded(20261123);
    const bodies: string[] = [
      '['.repeat(100000),
      `{"type":"message","value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      JSON.stringify({ ...inboundActivity(channel.url, 'c', {}), text: '\u0000\u0001\u0007\u001b[31m\u202e\ufeff' }),
      '\u0000\u0000',
      'null',
      '"just a string"',
      '12345',
    ];
    for (let i = 0; i < 40; i += 1) {
      const length = Math.floor(random() * 300);
      bodies.push(Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join(''));
    }
    const unclear: string[] = [];
    for (const body of bodies) {
      const status = await post(body);
      if (!clear(status)) unclear.push(`${JSON.stringify(body.slice(0, 30))} → ${status}`);
    }
    expect(unclear).toEqual([]);
  });

  const messages: Array<[string, string]> = [
    ['a 20,000-character message', 'I have so much to say. '.repeat(870)],
    ['emoji only', '😔😔😔💔🫠'],
    ['right-to-left text', 'أشعر بالتعب الشديد ولا أعرف ماذا أفعل'],
    ['mixed scripts and combining marks', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗ ñ 中文 עברית'],
    ['control characters', 'line one\r\nline two\ttab\u0007bell'],
  ];

  it.each(messages)('when a person sends %s, then the bot answers it', async (_label, text) => {
    const conversationId = `conv-${randomUUID()}`;
    const status = await post(JSON.stringify(inboundActivity(channel.url, conversationId, { text })));
    expect(status).toBe(200);
    await channel.waitFor(() => channel.forConversation(conversationId).length >= 1);
  });

  it('when unknown activity and channel types arrive, then they are accepted without a reply or an error', async () => {
    for (const fields of [{ type: 'x-unknown' }, { type: 'message', channelId: 'carrier-pigeon', text: 'hi' }, { type: 'invoke', name: 'unknown/thing' }]) {
      const status = await post(JSON.stringify(inboundActivity(channel.url, `conv-${randomUUID()}`, fields)));
      expect([200, 501]).toContain(status);
    }
  });

  it('after all of that, then the server is healthy and still holds a conversation', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const conversationId = `conv-${randomUUID()}`;
    expect(await post(JSON.stringify(inboundActivity(channel.url, conversationId, { text: 'hello' })))).toBe(200);
    await channel.waitFor(() => channel.forConversation(conversationId).length >= 2);
  });
});
