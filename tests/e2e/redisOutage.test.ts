import { randomUUID } from 'node:crypto';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { startTestRedis, type TestRedisServer } from '../helpers/redisServer';

describe('when Redis goes away in the middle of conversations', () => {
  let channel: ChannelServer;
  let redis: TestRedisServer;
  let bot: BotUnderTest;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    redis = await startTestRedis();
    bot = await startBot({ REDIS_URL: redis.url, DEFAULT_REGION: 'GB' });
  });
  afterAll(async () => {
    await bot.stop();
    await redis.stop();
    await channel.stop();
  });

  const texts = (conversationId: string): string[] => channel.forConversation(conversationId).map((r) => r.activity.text ?? '');
  const send = (conversationId: string, text: string, locale = 'en-GB'): Promise<{ status: number }> =>
    postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, conversationId, { text, locale }));

  it('then a person who writes still gets an answer with crisis contacts, and the bot recovers when Redis returns', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await send(conversationId, 'hi');
    await channel.waitFor(() => texts(conversationId).length >= 2);

    const port = redis.port;
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);

    await send(conversationId, 'yes');
    await channel.waitFor(() => texts(conversationId).length >= 3);
    const during = texts(conversationId)[2]!;
    expect(during).toMatch(/something went wrong/);
    expect(during).toContain('999'); // the emergency number for the person's region
    expect(during).toContain('116 123');

    redis = await startTestRedis({ port });
    const deadline = Date.now() + 10000;
    while ((await fetch(`${bot.url}/readyz`)).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);

    const fresh = `conv-${randomUUID()}`;
    await send(fresh, 'hello again');
    await channel.waitFor(() => texts(fresh).length >= 2);
    expect(texts(fresh).join(' ')).toMatch(/not a person/);
  }, 30000);

  it('then the logs say so loudly, without message text', () => {
    const lines = bot.logs.lines.join('\n');
    expect(lines).toMatch(/redis unavailable/);
    expect(lines).toMatch(/turn failed/);
    expect(lines).not.toContain('hello again');
  });
});
