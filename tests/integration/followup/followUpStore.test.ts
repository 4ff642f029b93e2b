import Redis, { Cluster } from 'ioredis';
import { MemoryFollowUpStore } from '../../../bot/followup/memoryFollowUpStore';
import { RedisFollowUpStore } from '../../../bot/followup/redisFollowUpStore';
import { FollowUpScheduler } from '../../../bot/followup/followUpScheduler';
import { RedisKeys } from '../../../bot/state/keys';
import { startTestRedisCluster, type TestRedisCluster } from '../../helpers/redisCluster';
import { testRedisUrl, uniquePrefix } from '../../helpers/testRedis';
import { followUpStoreContract } from './followUpContract';

followUpStoreContract('MemoryFollowUpStore', async () => {
  const store = new MemoryFollowUpStore();
  return { instance: async () => store, close: async () => undefined };
});

/** Each `instance()` opens its own connection, as a separate bot process would. */
function redisWorld(connect: () => Redis | Cluster): () => Promise<{ instance: () => Promise<RedisFollowUpStore>; close: () => Promise<void> }> {
  return async () => {
    const keys = new RedisKeys(uniquePrefix('followup'));
    const clients: Array<Redis | Cluster> = [];
    return {
      instance: async () => {
        const client = connect();
        clients.push(client);
        return new RedisFollowUpStore(client, { keys, retentionMs: 3_600_000 });
      },
      close: async () => { await Promise.all(clients.map((client) => client.quit())); },
    };
  };
}

followUpStoreContract('RedisFollowUpStore on one Redis', redisWorld(() => new Redis(testRedisUrl())));

describe('follow-ups on a three-node Redis Cluster', () => {
  let cluster: TestRedisCluster;
  beforeAll(async () => { cluster = await startTestRedisCluster(); }, 60_000);
  afterAll(async () => { await cluster?.stop(); });
  followUpStoreContract('RedisFollowUpStore on a Redis Cluster', redisWorld(() => new Cluster([...cluster.nodes])));
});

describe('RedisFollowUpStore keys', () => {
  test('when a check-in is scheduled, then every key it writes expires, and not before the check-in is due', async () => {
    const redis = new Redis(testRedisUrl());
    const keys = new RedisKeys(uniquePrefix('followup-ttl'));
    const now = Date.now();
    const scheduler = new FollowUpScheduler(new RedisFollowUpStore(redis, { keys, retentionMs: 60_000 }), { now: () => now });
    const job = await scheduler.schedule({ personKey: 'p', reference: { serviceUrl: 'https://x.test/', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, delayMs: 600_000, locale: 'en' });
    const written = await redis.keys(`${keys.prefix}*`);
    expect(written.sort()).toEqual([keys.followUpByPerson('p'), keys.followUpDue(), keys.followUpJob(job.id)].sort());
    for (const key of written) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(600_000);
      expect(ttl).toBeLessThanOrEqual(660_000);
    }
    await redis.quit();
  });
});
