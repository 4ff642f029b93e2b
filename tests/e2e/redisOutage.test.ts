import { randomUUID } from 'node:crypto';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { CoordinatorClient } from '../helpers/coordinatorClient';
import { startTestRedis, type TestRedisServer } from '../helpers/redisServer';

describe('when Redis goes away in the middle of conversations', () => {
  let channel: ChannelServer;
  let redis: TestRedisServer;
  let bot: BotUnderTest;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    redis = await startTestRedis();
    bot = await startBot({ REDIS_URL: redis.url, DEFAULT_REGION: 'GB', COORDINATOR_SHARED_SECRET: 'outage-secret-for-tests' });
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

  it('then a person at risk who writes while Redis is down still gets the safety message, the contacts and the hand-off event, and the case is stored once Redis is back', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const port = redis.port;
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await send(conversationId, "i'm going to kill myself tonight");
    await channel.waitFor(() => texts(conversationId).some((text) => /having trouble/.test(text)));
    const all = channel.forConversation(conversationId);
    expect(all[0]!.activity.text).toMatch(/your safety/i);
    expect(all[0]!.activity.text).toContain('999');
    expect(all.some((r) => r.activity.type === 'event' && r.activity.name === 'handoff.initiate')).toBe(true);

    redis = await startTestRedis({ port });
    const coordinator = new CoordinatorClient(bot.url);
    const deadline = Date.now() + 15000;
    let stored = false;
    while (!stored && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!coordinator.token) await coordinator.signIn('Lee', 'outage-secret-for-tests').catch(() => 0);
      const cases = coordinator.token ? ((await coordinator.call('GET', '/api/coordinator/cases')).body?.cases ?? []) as Array<{ conversationKey: string }> : [];
      stored = cases.some((item) => item.conversationKey === `emulator:${conversationId}`);
    }
    expect(stored).toBe(true);
  }, 40000);

  it('then the logs say so loudly, without message text', () => {
    const lines = bot.logs.lines.join('\n');
    expect(lines).toMatch(/redis unavailable/);
    expect(lines).toMatch(/turn failed/);
    expect(lines).toMatch(/HAND-OFF CASE NOT STORED/);
    expect(lines).toMatch(/stored after retrying/);
    expect(lines).not.toContain('hello again');
  });
});
