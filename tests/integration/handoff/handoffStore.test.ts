import Redis, { Cluster } from 'ioredis';
import { InMemoryHandoffStore } from '../../../bot/handoff/inMemoryHandoffStore';
import { RedisHandoffStore } from '../../../bot/handoff/redisHandoffStore';
import { InMemoryMessageBus, RedisMessageBus } from '../../../bot/pubsub/messageBus';
import { RedisKeys } from '../../../bot/state/keys';
import { startTestRedisCluster, type TestRedisCluster } from '../../helpers/redisCluster';
import { testRedisUrl, uniquePrefix } from '../../helpers/testRedis';
import { draftCase, handoffStoreContract } from './handoffStoreContract';

handoffStoreContract('InMemoryHandoffStore', async () => ({ store: new InMemoryHandoffStore(), close: async () => undefined }));

handoffStoreContract('RedisHandoffStore on one Redis', async () => {
  const redis = new Redis(testRedisUrl());
  const bus = new RedisMessageBus(redis);
  return {
    store: new RedisHandoffStore(redis, { keys: new RedisKeys(uniquePrefix('handoff')), retentionSeconds: 3600, bus }),
    close: async () => { await bus.close(); await redis.quit(); },
  };
});

describe('hand-off on a three-node Redis Cluster', () => {
  let cluster: TestRedisCluster;
  beforeAll(async () => { cluster = await startTestRedisCluster(); }, 60000);
  afterAll(async () => { await cluster?.stop(); });

  handoffStoreContract('RedisHandoffStore on a Redis Cluster', async () => {
    const redis = new Cluster([...cluster.nodes]);
    const bus = new InMemoryMessageBus();
    return {
      store: new RedisHandoffStore(redis, { keys: new RedisKeys(uniquePrefix('handoff')), retentionSeconds: 3600, bus }),
      close: async () => { await redis.quit(); },
    };
  });
});

describe('a case outlives the instance that created it', () => {
  it('when the creating instance disappears, then a fresh instance on the same Redis sees the case and can claim it', async () => {
    const keys = new RedisKeys(uniquePrefix('crash'));
    const first = new Redis(testRedisUrl());
    const creator = new RedisHandoffStore(first, { keys, retentionSeconds: 3600, bus: new InMemoryMessageBus() });
    await creator.openUnlessOpen(draftCase('survivor', 'web:crash', 'imminent'), Date.now() + 60000);
    first.disconnect(); // the instance dies without any goodbye

    const second = new Redis(testRedisUrl());
    try {
      const other = new RedisHandoffStore(second, { keys, retentionSeconds: 3600, bus: new InMemoryMessageBus() });
      expect((await other.listOpen()).map((item) => item.id)).toEqual(['survivor']);
      const { case: current, version } = (await other.get('survivor'))!;
      await other.replace({ ...current, status: 'claimed', coordinator: 'sam' }, version, { type: 'claimed', actor: 'sam' });
      expect((await other.get('survivor'))!.case.status).toBe('claimed');
      expect(await second.ttl(keys.handoffCase('survivor'))).toBeGreaterThan(0);
    } finally {
      await second.quit();
    }
  });
});
