import { testRedisClient } from '../helpers/testRedis';

describe('test harness', () => {
  it('when the suite starts, then a private redis-server answers on REDIS_TEST_URL', async () => {
    const redis = testRedisClient();
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(process.env.REDIS_TEST_URL).not.toMatch(/:6379$/);
    } finally {
      redis.disconnect();
    }
  });
});
