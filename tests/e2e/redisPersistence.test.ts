import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { CoordinatorClient } from '../helpers/coordinatorClient';
import { startTestRedis, type TestRedisServer } from '../helpers/redisServer';

describe('Redis restarted with persistence on', () => {
  it('when Redis restarts in the middle of conversations, then the bot reconnects by itself and no conversation or case is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pt-aof-'));
    const channel = await new ChannelServer().start();
    let redis: TestRedisServer = await startTestRedis({ persistDir: dir });
    const bot: BotUnderTest = await startBot({ REDIS_URL: redis.url, COORDINATOR_SHARED_SECRET: 'persistence-secret-for-tests', HANDOFF_CLAIM_TIMEOUT_SECONDS: '600' });
    try {
      const talking = `conv-${randomUUID()}`;
      const atRisk = `conv-${randomUUID()}`;
      const texts = (id: string): string[] => channel.forConversation(id).filter((r) => r.activity.type === 'message').map((r) => r.activity.text ?? '');
      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, talking, { text: 'hello' }));
      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, talking, { text: 'yes' }));
      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, atRisk, { text: 'i want to kill myself' }));
      await channel.waitFor(() => texts(talking).length >= 3 && texts(atRisk).length >= 1);

      const port = redis.port;
      await redis.stop();
      redis = await startTestRedis({ persistDir: dir, port });
      const deadline = Date.now() + 15000;
      while ((await fetch(`${bot.url}/readyz`)).status !== 200) {
        if (Date.now() > deadline) throw new Error('bot did not become ready again');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, talking, { text: 'I lost my job this week' }));
      await channel.waitFor(() => texts(talking).length >= 4);
      expect(texts(talking)[3]).not.toMatch(/not a person/); // the conversation carried on, no second greeting

      const coordinator = new CoordinatorClient(bot.url);
      await coordinator.signIn('Ari', 'persistence-secret-for-tests');
      const cases = (await coordinator.call('GET', '/api/coordinator/cases')).body.cases as Array<{ conversationKey: string }>;
      expect(cases.map((item) => item.conversationKey)).toContain(`emulator:${atRisk}`);
    } finally {
      await bot.stop();
      await redis.stop();
      await channel.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);
});
