import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { CoordinatorClient } from '../helpers/coordinatorClient';
import { testRedisUrl, uniquePrefix } from '../helpers/testRedis';

describe('"delete my data"', () => {
  let channel: ChannelServer;
  let bot: BotUnderTest;
  let redis: Redis;
  const prefix = uniquePrefix('delete');

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    bot = await startBot({ REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, COORDINATOR_SHARED_SECRET: 'delete-secret-for-tests' });
    redis = new Redis(testRedisUrl());
  });
  afterAll(async () => {
    await redis.quit();
    await bot.stop();
    await channel.stop();
  });

  const say = async (conversationId: string, text: string, locale = 'en-US'): Promise<string> => {
    const before = channel.forConversation(conversationId).length;
    await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, conversationId, { text, locale }));
    await channel.waitFor(() => channel.forConversation(conversationId).length > before);
    return channel.forConversation(conversationId).filter((r) => r.activity.type === 'message').map((r) => r.activity.text ?? '').at(-1) ?? '';
  };
  const keysAbout = async (conversationId: string): Promise<string[]> =>
    (await redis.keys(`${prefix}*`)).filter((key) => key.includes(conversationId) || key.includes(`user-${conversationId}`));

  it('when a person asks and confirms, then their conversation, their profile and their case records are really gone from Redis', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say(conversationId, 'hello');
    await say(conversationId, 'yes');
    await say(conversationId, "I can't go on");
    await say(conversationId, 'everyone would be better off without me'); // opens a case
    const coordinator = new CoordinatorClient(bot.url);
    await coordinator.signIn('Del', 'delete-secret-for-tests');
    const caseItem = (await coordinator.call('GET', '/api/coordinator/cases')).body.cases.find((item: { conversationKey: string }) => item.conversationKey === `emulator:${conversationId}`);
    await coordinator.call('POST', `/api/coordinator/cases/${caseItem.id}/claim`);
    await coordinator.call('POST', `/api/coordinator/cases/${caseItem.id}/close`, { outcome: 'resolved' });
    expect((await keysAbout(conversationId)).length).toBeGreaterThan(0);
    expect(await redis.exists(`${prefix}v1:{handoff}:case:${caseItem.id}`)).toBe(1);

    expect(await say(conversationId, 'please delete my data')).toMatch(/Reply DELETE to confirm/);
    expect(await say(conversationId, 'DELETE')).toMatch(/deleted your conversation.*1 case record/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await keysAbout(conversationId)).filter((key) => key.includes('{state:') || key.includes('{handoff}'))).toEqual([]);
    expect(await redis.exists(`${prefix}v1:{handoff}:case:${caseItem.id}`)).toBe(0);

    // A fresh start: the next message is greeted like a first contact.
    expect((await say(conversationId, 'hi again')).length).toBeGreaterThan(0);
    expect(channel.forConversation(conversationId).some((r) => /not a person/.test(r.activity.text ?? ''))).toBe(true);
  });

  it('when a person asks but does not confirm, then nothing is deleted', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say(conversationId, 'hello');
    const before = (await keysAbout(conversationId)).length;
    expect(await say(conversationId, 'borrar mis datos', 'es-ES')).toMatch(/BORRAR/);
    expect(await say(conversationId, 'no, mejor no', 'es-ES')).toMatch(/no se ha borrado nada/);
    expect((await keysAbout(conversationId)).length).toBeGreaterThanOrEqual(before);
  });
});
