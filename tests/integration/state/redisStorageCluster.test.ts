import { Cluster } from 'ioredis';
import { RedisKeys } from '../../../bot/state/keys';
import { RedisStorage } from '../../../bot/state/redisStorage';
import { RedisTurnLock } from '../../../bot/state/turnLock';
import { startTestRedisCluster, type TestRedisCluster } from '../../helpers/redisCluster';
import { storageContract } from '../../helpers/storageContract';
import { uniquePrefix } from '../../helpers/testRedis';

// cluster-key-slot ships with ioredis (and has no type declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const calculateSlot = require('cluster-key-slot') as (key: string) => number;

let cluster: TestRedisCluster;
beforeAll(async () => { cluster = await startTestRedisCluster(); }, 60000);
afterAll(async () => { await cluster?.stop(); });

const connect = (): Cluster => new Cluster([...cluster.nodes], { enableAutoPipelining: true });

storageContract('RedisStorage on a three-node Redis Cluster', async () => {
  const redis = connect();
  const keys = new RedisKeys(uniquePrefix('cluster'));
  return {
    storage: new RedisStorage(redis, { keys, ttlSeconds: 3600 }),
    ttlMs: async (key) => redis.pttl(keys.stateDocument(key)),
    close: async () => { await redis.quit(); },
  };
});

describe('on a Redis Cluster', () => {
  it('when many documents are written and read together, then keys spread over the nodes and every script works', async () => {
    const redis = connect();
    try {
      const keys = new RedisKeys(uniquePrefix('spread'));
      const storage = new RedisStorage(redis, { keys, ttlSeconds: 60 });
      const names = Array.from({ length: 60 }, (_, i) => `webchat/conversations/c${i}/`);
      await storage.write(Object.fromEntries(names.map((name, i) => [name, { i }])));
      const items = await storage.read(names);
      expect(Object.keys(items)).toHaveLength(60);
      const slots = new Set(names.map((name) => calculateSlot(keys.stateDocument(name))));
      expect(slots.size).toBeGreaterThan(10);
    } finally {
      await redis.quit();
    }
  });

  it('when two callers race for one turn lock, then exactly one holds it', async () => {
    const redis = connect();
    try {
      const lock = new RedisTurnLock(redis, new RedisKeys(uniquePrefix('lock')), { leaseMs: 5000, maxWaitMs: 50 });
      const [a, b] = await Promise.all([lock.acquire('conv'), lock.acquire('conv')]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      await (a ?? b)!();
      expect(await lock.acquire('conv')).toBeDefined();
    } finally {
      await redis.quit();
    }
  });
});
