import { randomUUID } from 'node:crypto';
import { startBotProcess } from '../../bench/processes';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { freePort } from '../helpers/redisServer';
import { testRedisUrl, uniquePrefix } from '../helpers/testRedis';

describe('a bot process with REDIS_URL', () => {
  let channel: ChannelServer;
  beforeAll(async () => { channel = await new ChannelServer().start(); });
  afterAll(async () => { await channel.stop(); });

  const texts = (conversationId: string): string[] => channel.forConversation(conversationId).map((r) => r.activity.text ?? '');

  it('when the process restarts mid-conversation, then the conversation carries on where it was', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix('restart') };
    const conversationId = `conv-${randomUUID()}`;
    const send = (url: string, text: string): Promise<{ status: number }> =>
      postJson(`${url}/api/messages`, inboundActivity(channel.url, conversationId, { text }));

    const first = await startBotProcess('bot/index.ts', env);
    try {
      expect((await send(first.url, 'hi')).status).toBe(200);
      await channel.waitFor(() => texts(conversationId).length >= 2);
      expect((await send(first.url, 'yes')).status).toBe(200);
      await channel.waitFor(() => texts(conversationId).length >= 3);
    } finally {
      await first.stop();
    }

    const second = await startBotProcess('bot/index.ts', env);
    try {
      expect((await send(second.url, 'I lost my job today')).status).toBe(200);
      await channel.waitFor(() => texts(conversationId).length >= 4);
      const reply = texts(conversationId)[3]!;
      // The new process continued the open conversation instead of greeting a stranger.
      expect(reply).not.toMatch(/not a person/);
      expect(reply).toMatch(/\?$/);
    } finally {
      await second.stop();
    }
  }, 60000);

  it('when Redis is unreachable, then the process still starts, reports not ready, and answers health checks', async () => {
    const deadPort = await freePort();
    const bot = await startBotProcess('bot/index.ts', { REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    try {
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${bot.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { storage: false } });
    } finally {
      await bot.stop();
    }
  }, 60000);
});
