import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';

/** URL of the Redis the tests may write to (started by globalSetup). */
export function testRedisUrl(): string {
  const url = process.env.REDIS_TEST_URL;
  if (!url) throw new Error('REDIS_TEST_URL is not set: jest globalSetup should have started a redis-server');
  return url;
}

/** A key prefix unique to one test, so tests never see each other's keys. */
export function uniquePrefix(label = 't'): string {
  return `test:${label}:${randomBytes(6).toString('hex')}:`;
}

/** A fresh ioredis client on the test server; close it with `quit()` in afterAll/afterEach. */
export function testRedisClient(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 1, lazyConnect: false });
}
