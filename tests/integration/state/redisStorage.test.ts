import { MemoryStorage } from 'botbuilder';
import Redis from 'ioredis';
import { RedisKeys } from '../../../bot/state/keys';
import { RedisStorage } from '../../../bot/state/redisStorage';
import { storageContract } from '../../helpers/storageContract';
import { testRedisUrl, uniquePrefix } from '../../helpers/testRedis';

storageContract('MemoryStorage (the reference)', async () => ({ storage: new MemoryStorage(), close: async () => undefined }));

storageContract('RedisStorage on a single Redis', async () => {
  const redis = new Redis(testRedisUrl());
  const keys = new RedisKeys(uniquePrefix('storage'));
  return {
    storage: new RedisStorage(redis, { keys, ttlSeconds: 3600 }),
    ttlMs: async (key) => redis.pttl(keys.stateDocument(key)),
    close: async () => { await redis.quit(); },
  };
});

describe('RedisStorage namespaces', () => {
  it('when two deployments use different prefixes, then the same storage key never collides', async () => {
    const redis = new Redis(testRedisUrl());
    try {
      const a = new RedisStorage(redis, { keys: new RedisKeys(uniquePrefix('a')), ttlSeconds: 60 });
      const b = new RedisStorage(redis, { keys: new RedisKeys(uniquePrefix('b')), ttlSeconds: 60 });
      await a.write({ 'emulator/conversations/c1/': { owner: 'a' } });
      await b.write({ 'emulator/conversations/c1/': { owner: 'b' } });
      expect((await a.read(['emulator/conversations/c1/']))['emulator/conversations/c1/'].owner).toBe('a');
      expect((await b.read(['emulator/conversations/c1/']))['emulator/conversations/c1/'].owner).toBe('b');
    } finally {
      await redis.quit();
    }
  });

  it('when a key is stored, then it is versioned and namespaced under the prefix', async () => {
    const redis = new Redis(testRedisUrl());
    try {
      const prefix = uniquePrefix('layout');
      await new RedisStorage(redis, { keys: new RedisKeys(prefix), ttlSeconds: 60 }).write({ k: { v: 1 } });
      expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}v1:{state:k}:doc`]);
    } finally {
      await redis.quit();
    }
  });
});
